package io.brook.admin;

import java.util.List;
import java.util.Objects;

/**
 * One partition of a topic as the broker that answered reported it.
 *
 * @param partition the partition index (non-negative)
 * @param leader the node id of the partition's leader, or {@code -1} when the partition has no leader right now
 * @param replicas the node ids of all replicas, preferred leader first, in the order the cluster keeps them
 * @param isr the node ids of the in-sync replicas, in the order the broker reported them
 */
public record PartitionInfo(int partition, int leader, List<Integer> replicas, List<Integer> isr) {
    /** The {@link #leader()} of a partition that has no leader. */
    public static final int NO_LEADER = -1;

    public PartitionInfo {
        if (partition < 0) {
            throw new IllegalArgumentException("partition must not be negative: " + partition);
        }
        if (leader < NO_LEADER) {
            throw new IllegalArgumentException("leader must be a node id or -1: " + leader);
        }
        replicas = List.copyOf(Objects.requireNonNull(replicas, "replicas"));
        isr = List.copyOf(Objects.requireNonNull(isr, "isr"));
    }

    /** Whether the partition has a leader. */
    public boolean hasLeader() {
        return leader != NO_LEADER;
    }
}
