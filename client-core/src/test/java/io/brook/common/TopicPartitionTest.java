package io.brook.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class TopicPartitionTest {

    @Test
    void equalByTopicAndPartition() {
        assertThat(new TopicPartition("orders", 3)).isEqualTo(new TopicPartition("orders", 3))
                .hasSameHashCodeAs(new TopicPartition("orders", 3))
                .isNotEqualTo(new TopicPartition("orders", 4))
                .isNotEqualTo(new TopicPartition("order", 3));
    }

    @Test
    void rejectsNullOrBlankTopicAndNegativePartition() {
        assertThatThrownBy(() -> new TopicPartition(null, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("topic");
        assertThatThrownBy(() -> new TopicPartition("  ", 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("blank");
        assertThatThrownBy(() -> new TopicPartition("orders", -1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("orders").hasMessageContaining("-1");
    }

    @Test
    void sortsByTopicThenPartitionNumerically() {
        List<TopicPartition> list = new ArrayList<>(List.of(new TopicPartition("b", 0),
                new TopicPartition("a", 10), new TopicPartition("a", 2)));
        Collections.sort(list);
        assertThat(list).containsExactly(new TopicPartition("a", 2), new TopicPartition("a", 10),
                new TopicPartition("b", 0));
    }

    @Test
    void printsInKafkasTopicDashPartitionForm() {
        assertThat(new TopicPartition("orders", 7)).hasToString("orders-7");
    }
}
