package io.brook.producer.internal;

import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Everything the producer keeps per topic: its {@link TopicRouting} (null until the metadata is known), the
 * uniform sticky partition of records without key, the load of its partitions for adaptive partitioning, the
 * estimated compression ratio, and the records waiting for its metadata.
 *
 * <p>Threading: {@code routing}, {@code load} and {@code compressionRatio} are written by the sender thread and read
 * lock-free by senders (volatile). The sticky partition is a volatile reference to an immutable choice plus a byte
 * count guarded by the lock of that partition's queue (every append to the sticky partition holds it). The pending
 * records are guarded by {@code pendingLock}; {@code hasPending} mirrors "not empty" so that the send path checks it
 * without locking. Objects of this class live as long as the producer (a topic's queues must never be replaced).
 */
final class TopicState {
    final String name;
    volatile TopicRouting routing;
    /** Compressed / uncompressed size of recent batches; new batches plan with it. */
    volatile float compressionRatio = 1.0f;
    /** Monotonic ms of the last send to this topic (updated when a batch is created or a record waits). */
    volatile long lastUsedMs;
    /** Whether the metadata the producer keeps covers this topic (false once idle past metadata.max.idle.ms). */
    volatile boolean wanted;

    private volatile Sticky sticky;
    private volatile PartitionLoad load;

    final ReentrantLock pendingLock = new ReentrantLock();
    /** Guarded by pendingLock. */
    private final ArrayDeque<PendingRecord> pending = new ArrayDeque<>();
    private volatile boolean hasPending;

    TopicState(String name) {
        this.name = name;
    }

    // ---- uniform sticky partitioning ---------------------------------------------------------------------------

    /** The current sticky choice; chooses one first if there is none. */
    Sticky sticky(TopicRouting routing) {
        Sticky s = sticky;
        if (s == null || s.partition >= routing.partitionCount()) {
            s = new Sticky(nextPartition(routing, -1));
            sticky = s;
        }
        return s;
    }

    /**
     * Counts {@code bytes} appended to the sticky partition {@code s} and moves on to another partition once about
     * {@code batchSize} bytes went to it. Called with the lock of {@code s.partition}'s queue held.
     */
    void stickyAppended(Sticky s, int bytes, int batchSize, TopicRouting routing) {
        if (sticky != s) {
            return; // another append already moved on
        }
        s.producedBytes += bytes;
        if (s.producedBytes >= Math.max(1, batchSize)) {
            sticky = new Sticky(nextPartition(routing, s.partition));
        }
    }

    /**
     * A partition for the next run of records without key: weighted towards short queues when the sender
     * published load statistics (KIP-794), else uniformly among partitions with a leader; avoids {@code previous}
     * when there is a choice.
     */
    private int nextPartition(TopicRouting routing, int previous) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        PartitionLoad l = load;
        if (l != null && l.partitions().length > 0) {
            int pick = l.pick(random.nextInt(l.totalWeight()));
            if (pick == previous && l.partitions().length > 1) {
                pick = l.pick(random.nextInt(l.totalWeight()));
            }
            if (pick < routing.partitionCount()) {
                return pick;
            }
        }
        int[] candidates = routing.withLeader();
        if (candidates.length == 0) {
            return random.nextInt(routing.partitionCount());
        }
        int pick = candidates[random.nextInt(candidates.length)];
        if (pick == previous && candidates.length > 1) {
            pick = candidates[(indexOf(candidates, pick) + 1 + random.nextInt(candidates.length - 1))
                    % candidates.length];
        }
        return pick;
    }

    private static int indexOf(int[] values, int value) {
        for (int i = 0; i < values.length; i++) {
            if (values[i] == value) {
                return i;
            }
        }
        return 0;
    }

    /** Publishes new load statistics (sender thread); null for none. */
    void load(PartitionLoad load) {
        this.load = load;
    }

    PartitionLoad load() {
        return load;
    }

    // ---- records waiting for metadata --------------------------------------------------------------------------

    boolean hasPending() {
        return hasPending;
    }

    /** Adds a waiting record; pendingLock held. */
    void addPendingLocked(PendingRecord record) {
        pending.addLast(record);
        hasPending = true;
    }

    /** Takes every waiting record, oldest first; pendingLock held. */
    List<PendingRecord> takePendingLocked() {
        List<PendingRecord> all = List.copyOf(pending);
        pending.clear();
        hasPending = false;
        return all;
    }

    /** The waiting records, oldest first, left in place; pendingLock held. */
    ArrayDeque<PendingRecord> pendingLocked() {
        return pending;
    }

    /** Recomputes {@link #hasPending} after records were removed; pendingLock held. */
    void pendingChangedLocked() {
        hasPending = !pending.isEmpty();
    }

    /** The sticky choice of records without key: a partition and the bytes sent to it so far. */
    static final class Sticky {
        final int partition;
        /** Guarded by the lock of the partition's queue. */
        int producedBytes;

        Sticky(int partition) {
            this.partition = partition;
        }
    }
}
