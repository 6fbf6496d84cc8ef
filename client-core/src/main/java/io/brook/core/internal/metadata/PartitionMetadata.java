package io.brook.core.internal.metadata;

import io.brook.common.TopicPartition;
import io.brook.protocol.Errors;
import java.util.List;
import java.util.Objects;

/**
 * One partition as the cluster metadata describes it. Immutable.
 *
 * @param partition the topic and partition number
 * @param error the partition-level error the broker reported ({@link Errors#NONE} if none); with
 *     {@code LEADER_NOT_AVAILABLE} the leader is {@link #NO_LEADER}
 * @param leaderId the leader's broker id, or {@link #NO_LEADER}
 * @param leaderEpoch the leader epoch, or {@link #UNKNOWN_EPOCH}
 * @param replicas every replica's broker id; copied, unmodifiable
 * @param isr the in-sync replicas; copied, unmodifiable
 * @param offlineReplicas the replicas whose log directory is offline; copied, unmodifiable
 */
public record PartitionMetadata(TopicPartition partition, Errors error, int leaderId, int leaderEpoch,
        List<Integer> replicas, List<Integer> isr, List<Integer> offlineReplicas) {
    public static final int NO_LEADER = -1;
    public static final int UNKNOWN_EPOCH = -1;

    public PartitionMetadata {
        Objects.requireNonNull(partition, "partition");
        Objects.requireNonNull(error, "error");
        if (leaderId < NO_LEADER) {
            leaderId = NO_LEADER;
        }
        if (leaderEpoch < UNKNOWN_EPOCH) {
            leaderEpoch = UNKNOWN_EPOCH;
        }
        replicas = List.copyOf(replicas);
        isr = List.copyOf(isr);
        offlineReplicas = List.copyOf(offlineReplicas);
    }

    /** Whether a leader is known. */
    public boolean hasLeader() {
        return leaderId != NO_LEADER;
    }

    /** Whether the leader epoch is known. */
    public boolean hasLeaderEpoch() {
        return leaderEpoch != UNKNOWN_EPOCH;
    }
}
