package io.brook.producer.internal;

import io.brook.common.TopicPartition;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The batches of one partition, oldest first: appenders add records to the last one; the sender drains from the
 * first. One per partition for the producer's lifetime, so that per-partition state (idempotence sequences, the
 * batches in flight) lives here without any map lookup.
 *
 * <p>Threading: {@code batches}, {@code inReadySet} and {@code expectedRecords} are guarded by {@code lock}, held
 * briefly by appenders (one append) and by the sender (taking the first batch); nothing waits while holding it.
 * {@code head} and {@code batchCount} mirror the deque's first element and size for lock-free reads, so the sender
 * decides which partitions are ready without contending with appenders (it locks a queue to drain it, about once
 * per batch). The fields under "sender-owned" are touched only by the sender thread.
 */
final class PartitionQueue {
    final TopicPartition partition;
    final TopicState topic;
    final ReentrantLock lock = new ReentrantLock();

    // ---- guarded by lock -----------------------------------------------------------------------------------------
    private final ArrayDeque<ProducerBatch> batches = new ArrayDeque<>();
    /**
     * Every batch made for this partition whose futures may not be complete yet, oldest first, for flush and close.
     * Completed ones are dropped from the front when a batch is added (batches of a partition mostly complete in
     * order), so this costs appenders nothing beyond the lock they hold anyway and the completing thread nothing.
     */
    private final ArrayDeque<ProducerBatch> unfinished = new ArrayDeque<>();
    /** Whether the sender knows this queue has batches (it is in, or on its way to, the sender's active list). */
    private boolean inReadySet;
    /** Records the last batch held: the next batch's future array starts this large. */
    private int expectedRecords = 16;

    /** The first batch, or null: written under lock whenever the first batch changes, read lock-free. */
    private volatile ProducerBatch head;
    private volatile int batchCount;

    // ---- sender-owned --------------------------------------------------------------------------------------------
    /** Idempotence: the next sequence to give a batch, the last the broker acknowledged, and its offset. */
    int nextSequence;
    int lastAckedSequence = -1;
    long lastAckedOffset = -1;
    /** Batches of this partition in flight, in sequence (= send) order. */
    final ArrayDeque<ProducerBatch> inFlight = new ArrayDeque<>();
    /** Whether the sender has this queue in its list of queues with sequence state. */
    boolean sequenceTracked;

    PartitionQueue(TopicPartition partition, TopicState topic) {
        this.partition = partition;
        this.topic = topic;
    }

    // ---- under lock ---------------------------------------------------------------------------------------------

    ProducerBatch lastLocked() {
        return batches.peekLast();
    }

    ProducerBatch firstLocked() {
        return batches.peekFirst();
    }

    /**
     * Adds a new batch at the end.
     *
     * @return whether the queue must be announced to the sender (it was not in the ready set)
     */
    boolean addLastLocked(ProducerBatch batch) {
        ProducerBatch oldest;
        while ((oldest = unfinished.peekFirst()) != null && oldest.done.isDone()) {
            unfinished.pollFirst();
        }
        unfinished.addLast(batch);
        batches.addLast(batch);
        batchCount = batches.size();
        if (head == null) {
            head = batch;
        }
        return markReadyLocked();
    }

    /**
     * Puts a batch back for a retry: before every batch that has not been sent yet, and after the retried batches
     * sent before it, so that a partition's batches go out again in the order they were first sent.
     *
     * @return whether the queue must be announced to the sender
     */
    boolean reenqueueLocked(ProducerBatch batch) {
        // Retried batches sit at the front, in the order they were first sent (by sequence with idempotence);
        // batches never sent come after them. Responses arrive in send order, so this keeps the partition's order.
        int position = 0;
        for (ProducerBatch b : batches) {
            if (!b.isBuilt() || (batch.hasSequence() && b.hasSequence() && b.baseSequence() > batch.baseSequence())) {
                break;
            }
            position++;
        }
        insertAt(position, batch);
        batchCount = batches.size();
        head = batches.peekFirst();
        return markReadyLocked();
    }

    private void insertAt(int position, ProducerBatch batch) {
        if (position == 0) {
            batches.addFirst(batch);
            return;
        }
        ArrayDeque<ProducerBatch> head = new ArrayDeque<>(position);
        for (int i = 0; i < position; i++) {
            head.addLast(batches.pollFirst());
        }
        batches.addFirst(batch);
        while (!head.isEmpty()) {
            batches.addFirst(head.pollLast());
        }
    }

    ProducerBatch pollFirstLocked() {
        ProducerBatch b = batches.pollFirst();
        batchCount = batches.size();
        head = batches.peekFirst();
        if (b != null) {
            b.closeForAppends();
        }
        return b;
    }

    boolean isEmptyLocked() {
        return batches.isEmpty();
    }

    Iterator<ProducerBatch> iteratorLocked() {
        return batches.iterator();
    }

    /** Takes every batch out (for abort). */
    ArrayDeque<ProducerBatch> takeAllLocked() {
        ArrayDeque<ProducerBatch> all = new ArrayDeque<>(batches);
        batches.clear();
        batchCount = 0;
        head = null;
        for (ProducerBatch b : all) {
            b.closeForAppends();
        }
        return all;
    }

    /** Adds the batches whose futures are not all complete yet to {@code into}. */
    void unfinishedLocked(java.util.List<ProducerBatch> into) {
        for (ProducerBatch b : unfinished) {
            if (!b.done.isDone()) {
                into.add(b);
            }
        }
    }

    private boolean markReadyLocked() {
        if (inReadySet) {
            return false;
        }
        inReadySet = true;
        return true;
    }

    /** Called by the sender when it finds the queue empty: it leaves the ready set. */
    void leaveReadySetLocked() {
        inReadySet = false;
    }

    int expectedRecordsLocked() {
        return expectedRecords;
    }

    void rememberRecordCountLocked(int records) {
        expectedRecords = Math.max(4, records);
    }

    /**
     * The first batch, read without the lock: only the sender thread replaces or removes it, so on the sender thread
     * it is exact except that an appender may turn null into a new batch at any time.
     */
    ProducerBatch head() {
        return head;
    }

    /** Batches queued, read without the lock (may be slightly stale). */
    int batchCount() {
        return batchCount;
    }

    @Override
    public String toString() {
        return "PartitionQueue(" + partition + ")";
    }
}
