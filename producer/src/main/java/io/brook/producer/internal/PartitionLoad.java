package io.brook.producer.internal;

/**
 * Adaptive partitioning (KIP-794): the partitions of a topic that may take records without key, each weighted by
 * how short its queue is ({@code longest queue + 1 - its queue}), as a cumulative table. Computed by the sender
 * from the queue lengths it sees; immutable.
 *
 * @param partitions the candidate partitions
 * @param cumulativeWeights the running sum of their weights, same order; the last is the total
 */
record PartitionLoad(int[] partitions, int[] cumulativeWeights) {
    int totalWeight() {
        return cumulativeWeights.length == 0 ? 1 : cumulativeWeights[cumulativeWeights.length - 1];
    }

    /** The partition whose weight range holds {@code point} ({@code 0 <= point < totalWeight()}). */
    int pick(int point) {
        int lo = 0;
        int hi = cumulativeWeights.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cumulativeWeights[mid] > point) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return partitions[lo];
    }

    /**
     * The load table for {@code partitions} with {@code queueSizes} batches queued each.
     *
     * @param restricted whether {@code partitions} leaves out some partitions with a leader (brokers not keeping
     *     up); if not, and every queue has the same length, no table is needed
     * @return the table, or null when a uniform choice among partitions with a leader is exact (and cheaper)
     */
    static PartitionLoad of(int[] partitions, int[] queueSizes, boolean restricted) {
        int max = 0;
        int min = Integer.MAX_VALUE;
        for (int size : queueSizes) {
            max = Math.max(max, size);
            min = Math.min(min, size);
        }
        if (partitions.length == 0 || (!restricted && max == min)) {
            return null;
        }
        int[] cumulative = new int[partitions.length];
        int sum = 0;
        for (int i = 0; i < partitions.length; i++) {
            sum += max + 1 - queueSizes[i];
            cumulative[i] = sum;
        }
        return new PartitionLoad(partitions, cumulative);
    }
}
