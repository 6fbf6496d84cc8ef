package io.brook.admin.internal;

import static io.brook.admin.internal.Responses.metadata;
import static io.brook.admin.internal.Responses.topic;
import static io.brook.admin.internal.Responses.topicError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.brook.core.internal.network.Endpoint;
import io.brook.protocol.Errors;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TopicPropagationTest {

    @Test
    void aBootstrapAddressThatMatchesNoBrokerIsNotCountedSoEveryBrokerIsAskedDirectly() {
        TopicPropagation p = TopicPropagation.created("createTopics", Map.of("t", 1));
        Endpoint alias = new Endpoint(-1, "kafka.example.com", 9092);

        assertThat(p.nextRequest().endpoint()).isNull();
        assertThat(p.onResponse(alias, metadata(new int[] {1, 2}, topic("t", 1)))).isNull();
        assertThat(p.complete()).isFalse();

        assertThat(p.nextRequest().endpoint()).isEqualTo(new Endpoint(1, "broker1", 9092));
        assertThat(p.onResponse(p.nextRequest().endpoint(), metadata(new int[] {1, 2}, topic("t", 1)))).isNull();
        assertThat(p.nextRequest().endpoint()).isEqualTo(new Endpoint(2, "broker2", 9092));
        assertThat(p.onResponse(p.nextRequest().endpoint(), metadata(new int[] {1, 2}, topic("t", 1)))).isNull();
        assertThat(p.complete()).isTrue();
        assertThatThrownBy(p::nextRequest).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aBrokerThatLeftTheClusterIsNoLongerAwaited() {
        TopicPropagation p = TopicPropagation.created("createTopics", Map.of("t", 1));
        Endpoint broker1 = new Endpoint(1, "broker1", 9092);
        assertThat(p.onResponse(broker1, metadata(new int[] {1, 2, 3}, topic("t", 1)))).isNull();
        assertThat(p.complete()).isFalse();

        // Broker 1 now reports that broker 2 is gone, and broker 3 is up to date.
        Endpoint broker3 = new Endpoint(3, "broker3", 9092);
        assertThat(p.onResponse(broker3, metadata(new int[] {1, 3}, topic("t", 1)))).isNull();

        assertThat(p.complete()).isTrue();
    }

    @Test
    void everyTopicMustBeUpToDateOnABroker() {
        Map<String, Integer> topics = new LinkedHashMap<>();
        topics.put("a", 1);
        topics.put("b", 2);
        TopicPropagation p = TopicPropagation.created("createTopics", topics);
        Endpoint broker1 = new Endpoint(1, "broker1", 9092);

        assertThat(p.onResponse(broker1, metadata(new int[] {1}, topic("a", 1))))
                .hasMessage("createTopics: topic 'b' is not yet known on broker 1");
        assertThat(p.onResponse(broker1, metadata(new int[] {1}, topic("a", 1), topic("b", 2)))).isNull();
        assertThat(p.complete()).isTrue();
    }

    @Test
    void deletedTopicsMustBeAbsentOrReplacedUnderTheSameName() {
        UUID deletedId = UUID.randomUUID();
        TopicPropagation p = TopicPropagation.deleted("deleteTopics", Map.of("t", deletedId));
        Endpoint broker1 = new Endpoint(1, "broker1", 9092);

        assertThat(p.onResponse(broker1, metadata(new int[] {1}, topic("t", deletedId, 1, 1, List.of(1)))))
                .hasMessage("deleteTopics: topic 't' is still present on broker 1");
        assertThat(p.onResponse(broker1, metadata(new int[] {1}, topic("t", UUID.randomUUID(), 1, 1, List.of(1)))))
                .isNull();
        assertThat(p.complete()).isTrue();
    }

    @Test
    void needsTopicsToWaitFor() {
        assertThatThrownBy(() -> TopicPropagation.created("createTopics", Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aTopicTheCallerMayNotDescribeIsNotWaitedFor() {
        Endpoint broker1 = new Endpoint(1, "broker1", 9092);
        TopicPropagation created = TopicPropagation.created("createTopics", Map.of("hidden", 1));
        assertThat(created.onResponse(broker1, metadata(new int[] {1},
                topicError("hidden", Errors.TOPIC_AUTHORIZATION_FAILED)))).isNull();
        assertThat(created.complete()).isTrue();

        TopicPropagation deleted = TopicPropagation.deleted("deleteTopics", Map.of("hidden", UUID.randomUUID()));
        assertThat(deleted.onResponse(broker1, metadata(new int[] {1},
                topicError("hidden", Errors.TOPIC_AUTHORIZATION_FAILED)))).isNull();
        assertThat(deleted.complete()).isTrue();
    }

    @Test
    void aTopicNotYetUsableIsWaitedFor() {
        Endpoint broker1 = new Endpoint(1, "broker1", 9092);
        TopicPropagation created = TopicPropagation.created("createTopics", Map.of("t", 1));
        assertThat(created.onResponse(broker1, metadata(new int[] {1},
                topicError("t", Errors.LEADER_NOT_AVAILABLE))))
                .hasMessage("createTopics: topic 't' is not yet usable (LEADER_NOT_AVAILABLE) on broker 1");
    }
}
