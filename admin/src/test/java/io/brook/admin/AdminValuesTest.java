package io.brook.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.brook.common.TopicPartition;
import io.brook.common.errors.InvalidTopicException;
import io.brook.protocol.Errors;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The public values of the admin calls beyond topics: checks on construction and their small behaviours. */
class AdminValuesTest {

    @Test
    void configResourcesAreCheckedAndNamed() {
        assertThat(ConfigResource.topic("t")).hasToString("topic 't'");
        assertThat(ConfigResource.broker(3)).isEqualTo(new ConfigResource(ConfigResource.Type.BROKER, "3"));
        assertThat(ConfigResource.broker(3).isBrokerSpecific()).isTrue();
        assertThat(ConfigResource.brokerDefaults().isBrokerSpecific()).isFalse();
        assertThatThrownBy(() -> ConfigResource.topic("bad name")).isInstanceOf(InvalidTopicException.class);
        assertThatThrownBy(() -> new ConfigResource(ConfigResource.Type.BROKER, "b1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("broker id");
        assertThatThrownBy(() -> ConfigResource.broker(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(ConfigResource.Type.forId((byte) 2)).isEqualTo(ConfigResource.Type.TOPIC);
        assertThat(ConfigResource.Type.forId((byte) 16)).isNull();
    }

    @Test
    void alterConfigOpsNeedAValueExceptDelete() {
        assertThat(AlterConfigOp.delete("k").value()).isNull();
        assertThatThrownBy(() -> new AlterConfigOp(AlterConfigOp.OpType.DELETE, "k", "v"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AlterConfigOp(AlterConfigOp.OpType.APPEND, "k", null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("APPEND of 'k'");
        assertThatThrownBy(() -> AlterConfigOp.set(" ", "v")).isInstanceOf(IllegalArgumentException.class);
        assertThat(ConfigEntry.Source.forId((byte) 42)).isEqualTo(ConfigEntry.Source.UNKNOWN);
    }

    @Test
    void replicaAssignmentsMustCoverEveryPartitionWithTheSameReplicaCount() {
        NewTopic topic = NewTopic.withReplicaAssignments("t", Map.of(1, List.of(2, 1), 0, List.of(1, 2)));
        assertThat(topic.replicaAssignments().keySet()).containsExactly(0, 1);
        assertThat(topic.numPartitions()).isEqualTo(NewTopic.BROKER_DEFAULT);
        assertThatThrownBy(() -> NewTopic.withReplicaAssignments("t", Map.of(0, List.of(1), 1, List.of(1, 2))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("same number of replicas");
        assertThatThrownBy(() -> NewTopic.withReplicaAssignments("t", Map.of(0, List.of(1, 1))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("distinct");
        assertThatThrownBy(() -> new NewTopic("t", 3, (short) 1, Map.of(), Map.of(0, List.of(1))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must be -1");
        assertThat(new NewTopic("t", 1, (short) 1)).isEqualTo(new NewTopic("t", 1, (short) 1, Map.of(), Map.of()));
    }

    @Test
    void offsetSpecsCompareByValue() {
        assertThat(OffsetSpec.forTimestamp(5)).isEqualTo(OffsetSpec.forTimestamp(5));
        assertThat(OffsetSpec.latest()).isEqualTo(new OffsetSpec.Latest()).isNotEqualTo(OffsetSpec.earliest());
        assertThatThrownBy(() -> OffsetSpec.forTimestamp(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aclFiltersMatchAsTheBrokerDoes() {
        AclBinding literal = new AclBinding(new ResourcePattern(ResourceType.TOPIC, "orders", PatternType.LITERAL),
                new AccessControlEntry("User:alice", "*", AclOperation.READ, AclPermissionType.ALLOW));
        AclBinding wildcard = new AclBinding(new ResourcePattern(ResourceType.TOPIC, "*", PatternType.LITERAL),
                new AccessControlEntry("User:bob", "*", AclOperation.WRITE, AclPermissionType.DENY));
        AclBinding prefixed = new AclBinding(new ResourcePattern(ResourceType.TOPIC, "ord", PatternType.PREFIXED),
                new AccessControlEntry("User:carol", "*", AclOperation.DESCRIBE, AclPermissionType.ALLOW));
        AclBindingFilter match = new AclBindingFilter(ResourceType.TOPIC, "orders", PatternType.MATCH, null, null,
                AclOperation.ANY, AclPermissionType.ANY);

        assertThat(List.of(literal, wildcard, prefixed)).allMatch(b -> b.matches(match))
                .allMatch(b -> b.matches(AclBindingFilter.ANY));
        assertThat(prefixed.matches(AclBindingFilter.forResource(ResourceType.TOPIC, "orders"))).isFalse();
        assertThat(literal.matches(AclBindingFilter.ANY.withPrincipal("User:bob"))).isFalse();
        assertThat(literal.matches(AclBindingFilter.of(literal))).isTrue();
        assertThatThrownBy(() -> new ResourcePattern(ResourceType.ANY, "x", PatternType.LITERAL))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AccessControlEntry("alice", "*", AclOperation.READ, AclPermissionType.ALLOW))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Type:name");
        assertThat(AclOperation.forCode((byte) 3)).isEqualTo(AclOperation.READ);
        assertThat(AclOperation.forCode((byte) 99)).isEqualTo(AclOperation.UNKNOWN);
    }

    @Test
    void aPartialFailureNamesEachFailedResourceWithItsCodeAndCarriesTheResults() {
        TopicPartition ok = new TopicPartition("t", 0);
        TopicPartition missing = new TopicPartition("gone", 0);
        Map<Object, io.brook.common.errors.ApiException> failures = new LinkedHashMap<>();
        failures.put(missing, Errors.UNKNOWN_TOPIC_OR_PARTITION.exception("gone-0 unknown"));

        PartialFailureException e = new PartialFailureException("listOffsets", failures, Set.of(ok), Map.of(ok, 5L));

        assertThat(e).hasMessage("listOffsets failed for 1 of 2 resources: gone-0: UNKNOWN_TOPIC_OR_PARTITION "
                + "(error code 3)").hasCause(failures.get(missing));
        assertThat(e.error(missing)).isEqualTo(Errors.UNKNOWN_TOPIC_OR_PARTITION);
        assertThat(e.error(ok)).isNull();
        assertThat(e.results(TopicPartition.class, Long.class)).containsExactly(Map.entry(ok, 5L));
        assertThat(e.isRetriable()).isFalse();
        assertThatThrownBy(() -> e.results(String.class, Long.class)).isInstanceOf(ClassCastException.class);
        assertThatThrownBy(() -> new PartialFailureException("x", Map.of(), Set.of(), Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
