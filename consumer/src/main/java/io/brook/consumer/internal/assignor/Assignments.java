package io.brook.consumer.internal.assignor;

import io.brook.common.TopicPartition;
import io.brook.core.internal.group.ConsumerProtocol.Assignment;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Helpers shared by the assignors. Stateless. */
final class Assignments {
    private Assignments() {}

    /** Each member's partitions as an {@link Assignment} without user data, in the member order given. */
    static Map<String, Assignment> of(Map<String, List<TopicPartition>> partitions) {
        Map<String, Assignment> out = new LinkedHashMap<>();
        partitions.forEach((member, tps) -> out.put(member, new Assignment(tps)));
        return out;
    }
}
