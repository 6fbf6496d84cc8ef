package io.brook.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConsumerGroupMetadataTest {

    @Test
    void groupOnlyConstructorDescribesAMemberThatHasNotJoined() {
        ConsumerGroupMetadata m = new ConsumerGroupMetadata("g");
        assertThat(m.generationId()).isEqualTo(ConsumerGroupMetadata.UNKNOWN_GENERATION_ID);
        assertThat(m.memberId()).isEmpty();
        assertThat(m.groupInstanceId()).isEmpty();
    }

    @Test
    void keepsAllFields() {
        ConsumerGroupMetadata m = new ConsumerGroupMetadata("g", 5, "member-1", Optional.of("instance-a"));
        assertThat(m).isEqualTo(new ConsumerGroupMetadata("g", 5, "member-1", Optional.of("instance-a")));
        assertThat(m.groupInstanceId()).contains("instance-a");
    }

    @Test
    void rejectsInvalidFields() {
        assertThatThrownBy(() -> new ConsumerGroupMetadata(" ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("groupId");
        assertThatThrownBy(() -> new ConsumerGroupMetadata("g", -2, "", Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("generationId");
        assertThatThrownBy(() -> new ConsumerGroupMetadata("g", 1, null, Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("memberId");
        assertThatThrownBy(() -> new ConsumerGroupMetadata("g", 1, "m", null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("groupInstanceId");
        assertThatThrownBy(() -> new ConsumerGroupMetadata("g", 1, "m", Optional.of("")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("groupInstanceId");
    }
}
