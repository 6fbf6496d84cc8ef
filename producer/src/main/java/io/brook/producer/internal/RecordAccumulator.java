package io.brook.producer.internal;

import io.brook.common.Header;
import io.brook.common.TopicPartition;
import io.brook.core.Time;
import io.brook.producer.ProducerClosedException;
import io.brook.producer.RecordMetadata;
import io.brook.protocol.compress.Compression;
import io.brook.protocol.record.RecordBatchBuilder;
import io.netty.buffer.ByteBufAllocator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The producer's record store between {@code send} and the sender thread: per-partition queues of batches
 * ({@link PartitionQueue}), the records waiting for metadata (per {@link TopicState}), and the bookkeeping flush and
 * close need.
 *
 * <p>Appends run on the sending threads: the record is written into the last batch of its partition under that
 * queue's lock; a new batch first reserves its memory from the {@link BufferPool} <em>outside</em> the lock (the only
 * place a sender may wait). The sender learns which queues have batches through {@link #takeNewlyReady}, a ready
 * set fed by appenders (a queue is announced once until the sender sees it empty), so the sender's work per cycle is
 * proportional to the partitions with data, never to all partitions.
 *
 * <p>Thread-safe: topics live in a concurrent map; queues and topics guard their own state (see their Javadoc); the
 * flag and counters here are atomic or volatile.
 */
final class RecordAccumulator {
    private final Map<String, TopicState> topics = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<PartitionQueue> newlyReady = new ConcurrentLinkedQueue<>();
    /** Topics that got their first waiting record, for the sender to watch. */
    private final ConcurrentLinkedQueue<TopicState> newlyPending = new ConcurrentLinkedQueue<>();
    private final BufferPool pool;
    private final BatchBuffers alloc;
    private final Compression compression;
    private final int batchSize;
    private final Time time;
    private final Runnable wakeSender;
    private final Consumer<TopicState> newTopic;
    private final AtomicInteger flushesInProgress = new AtomicInteger();
    private volatile boolean closed;
    private volatile TopicState lastTopic;
    /**
     * Set by the sender when every broker has its maximum of requests in flight: a new or full batch could not go
     * out before a response arrives (which runs a sender cycle anyway), so appenders skip waking the sender. Saves
     * a thread wake-up per batch when the brokers are the bottleneck.
     */
    private volatile boolean senderSaturated;

    /**
     * @param wakeSender asks the sender thread to run a cycle soon (cheap, coalescing)
     * @param newTopic told about every topic the first time a record is sent to it (the sender adds it to the
     *     wanted metadata)
     */
    RecordAccumulator(BufferPool pool, ByteBufAllocator alloc, Compression compression, int batchSize, Time time,
            Runnable wakeSender, Consumer<TopicState> newTopic) {
        this.pool = pool;
        // Keep up to ~1/16 of buffer.memory (at most 64 buffers) of batch buffers for reuse.
        long keep = Math.min(64, pool.totalBytes() / 16 / Math.max(1, batchSize));
        this.alloc = new BatchBuffers(alloc, batchSize, (int) Math.max(1, keep));
        this.compression = compression;
        this.batchSize = batchSize;
        this.time = time;
        this.wakeSender = wakeSender;
        this.newTopic = newTopic;
    }

    /** The state of {@code topic}, created (and announced to the sender) on first use. */
    TopicState topic(String topic) {
        // Most producers send to one topic at a time: a one-entry cache spares the map lookup (and its cache
        // misses) on every record. Written only on a miss, so threads sending to one topic never write it.
        TopicState last = lastTopic;
        if (last != null && (last.name == topic || last.name.equals(topic))) {
            return wanted(last);
        }
        TopicState state = topics.get(topic);
        if (state == null) {
            TopicState created = new TopicState(topic);
            state = topics.putIfAbsent(topic, created);
            if (state == null) {
                newTopic.accept(created);
                state = created;
            }
        }
        lastTopic = state;
        return wanted(state);
    }

    /** A topic dropped from the metadata after metadata.max.idle.ms is wanted again when a record is sent to it. */
    private TopicState wanted(TopicState state) {
        if (!state.wanted) {
            newTopic.accept(state);
        }
        return state;
    }

    /** Every topic the producer has seen. */
    Iterable<TopicState> topics() {
        return topics.values();
    }

    BufferPool pool() {
        return pool;
    }

    int batchSize() {
        return batchSize;
    }

    // ---- appending -------------------------------------------------------------------------------------------------

    /**
     * Writes a record into the last batch of {@code queue}, or into a new batch. May wait for buffer memory until
     * {@code deadlineNs}.
     *
     * @param sticky the sticky choice that picked this partition for a record without key, or null
     * @param upperBound an upper bound of the record's size in a batch of its own
     * @throws io.brook.common.errors.TimeoutException if no memory was freed in time
     * @throws ProducerClosedException if the producer is closed or closes meanwhile
     */
    void append(PartitionQueue queue, TopicState.Sticky sticky, TopicRouting routing, long timestamp, byte[] key,
            byte[] value, List<Header> headers, CompletableFuture<RecordMetadata> future, int upperBound,
            long deadlineNs, long maxBlockMs) {
        if (tryAppendToLast(queue, sticky, routing, timestamp, key, value, headers, future, false)) {
            return;
        }
        long reserve = batchReservation(upperBound);
        pool.reserve(reserve, deadlineNs, maxBlockMs, queue.partition);
        appendToNewBatch(queue, sticky, routing, timestamp, key, value, headers, future, reserve, false);
    }

    private boolean tryAppendToLast(PartitionQueue queue, TopicState.Sticky sticky, TopicRouting routing,
            long timestamp, byte[] key, byte[] value, List<Header> headers, CompletableFuture<RecordMetadata> future,
            boolean fromSender) {
        boolean wake = false;
        Locks.lock(queue.lock);
        try {
            // Checked under the queue's lock: once close set the flag, no append can slip a batch past the sweep
            // that close makes of every queue afterwards (under the same locks).
            if (closed && !fromSender) {
                throw closedError();
            }
            ProducerBatch last = queue.lastLocked();
            if (last == null) {
                return false;
            }
            int grown = last.tryAppend(batchSize, timestamp, key, value, headers, future);
            if (grown < 0) {
                return false;
            }
            accountGrowth(last);
            if (sticky != null) {
                queue.topic.stickyAppended(sticky, grown, batchSize, routing);
            }
            wake = last.becameFull(batchSize);
        } finally {
            queue.lock.unlock();
        }
        if (wake && !senderSaturated) {
            wakeSender.run();
        }
        return true;
    }

    private void appendToNewBatch(PartitionQueue queue, TopicState.Sticky sticky, TopicRouting routing,
            long timestamp, byte[] key, byte[] value, List<Header> headers, CompletableFuture<RecordMetadata> future,
            long reserved, boolean fromSender) {
        boolean announce;
        Locks.lock(queue.lock);
        try {
            if (closed && !fromSender) {
                pool.release(reserved);
                throw closedError();
            }
            // Another thread may have opened a batch while we waited for memory.
            ProducerBatch last = queue.lastLocked();
            if (last != null) {
                int grown = last.tryAppend(batchSize, timestamp, key, value, headers, future);
                if (grown >= 0) {
                    pool.release(reserved);
                    accountGrowth(last);
                    if (sticky != null) {
                        queue.topic.stickyAppended(sticky, grown, batchSize, routing);
                    }
                    return;
                }
                queue.rememberRecordCountLocked(last.recordCount());
            }
            ProducerBatch batch = newBatch(queue, reserved);
            int grown = batch.tryAppend(batchSize, timestamp, key, value, headers, future);
            accountGrowth(batch);
            if (sticky != null) {
                queue.topic.stickyAppended(sticky, grown, batchSize, routing);
            }
            announce = queue.addLastLocked(batch);
        } finally {
            queue.lock.unlock();
        }
        if (announce) {
            newlyReady.add(queue);
        }
        // A new batch means either a new linger deadline or a full batch behind it: the sender must look (unless it
        // is waiting for responses from every broker, which will make it look anyway).
        if (!senderSaturated || fromSender) {
            wakeSender.run();
        }
    }

    /**
     * The memory a new batch reserves: {@code batch.size}, or the record's size if larger, but never more than the
     * whole of {@code buffer.memory} (a buffer smaller than {@code batch.size} would otherwise never have room).
     */
    private long batchReservation(int upperBound) {
        return Math.min(Math.max(batchSize, upperBound), pool.totalBytes());
    }

    /** A new, empty batch for {@code queue} holding {@code reserved} bytes of memory; queue lock held. */
    private ProducerBatch newBatch(PartitionQueue queue, long reserved) {
        RecordBatchBuilder builder = new RecordBatchBuilder(alloc, compression, 0L, (int) Math.min(reserved,
                Integer.MAX_VALUE - 8));
        builder.estimatedCompressionRatio(queue.topic.compressionRatio);
        long nowMs = time.monotonicMs();
        queue.topic.lastUsedMs = nowMs;
        return new ProducerBatch(queue, builder, alloc, reserved, nowMs, queue.expectedRecordsLocked());
    }

    /** Accounts a compressed batch's scratch buffer growing past its reservation (never waits). */
    private void accountGrowth(ProducerBatch batch) {
        long growth = batch.unreservedGrowth();
        if (growth > 0) {
            pool.forceReserve(growth);
            batch.addReserved(growth);
        }
    }

    /**
     * Appends a record on the sender thread (records that waited for metadata), never waiting: the memory it held
     * while waiting is given back once it is in a batch.
     */
    void appendFromSender(PartitionQueue queue, TopicState.Sticky sticky, TopicRouting routing, PendingRecord r,
            int upperBound) {
        if (tryAppendToLast(queue, sticky, routing, r.timestamp(), r.keyBytes(), r.valueBytes(), r.headers(),
                r.future(), true)) {
            pool.release(r.reservedBytes());
            return;
        }
        long reserve = batchReservation(upperBound);
        pool.forceReserve(reserve);
        appendToNewBatch(queue, sticky, routing, r.timestamp(), r.keyBytes(), r.valueBytes(), r.headers(), r.future(),
                reserve, true);
        pool.release(r.reservedBytes());
    }

    /**
     * Holds a record until its topic's metadata (or its explicit partition) is known. Its memory is reserved.
     *
     * @return false, holding nothing, if the topic can take the record now after all (the caller routes it)
     * @throws ProducerClosedException if the producer is closed
     */
    boolean addPending(TopicState topic, PendingRecord record) {
        boolean first;
        topic.pendingLock.lock();
        try {
            if (closed) {
                throw closedError();
            }
            TopicRouting routing = topic.routing;
            if (!topic.hasPending() && routable(routing, record.partition())) {
                return false;
            }
            first = !topic.hasPending();
            topic.addPendingLocked(record);
            topic.lastUsedMs = time.monotonicMs();
        } finally {
            topic.pendingLock.unlock();
        }
        if (first) {
            newlyPending.add(topic);
        }
        wakeSender.run();
        return true;
    }

    /** Whether a record for {@code partition} (-1: any) can be placed with {@code routing}. */
    static boolean routable(TopicRouting routing, int partition) {
        return routing != null && partition < routing.partitionCount();
    }

    /** Topics that got waiting records since the last call. */
    void takeNewlyPending(List<TopicState> into) {
        TopicState t;
        while ((t = newlyPending.poll()) != null) {
            into.add(t);
        }
    }

    // ---- for the sender ----------------------------------------------------------------------------------------------

    /** Queues that got batches since the last call; each is announced once until the sender saw it empty. */
    void takeNewlyReady(List<PartitionQueue> into) {
        PartitionQueue q;
        while ((q = newlyReady.poll()) != null) {
            into.add(q);
        }
    }

    /** Whether every broker has its maximum of requests in flight (sender thread). */
    void senderSaturated(boolean saturated) {
        if (senderSaturated != saturated) {
            senderSaturated = saturated;
        }
    }

    /** Announces a queue that got a batch back for a retry. */
    void announce(PartitionQueue queue) {
        newlyReady.add(queue);
    }

    /** A queue for {@code partition} of {@code topic}. */
    static PartitionQueue newQueue(TopicState topic, int partition) {
        return new PartitionQueue(new TopicPartition(topic.name, partition), topic);
    }

    BatchBuffers alloc() {
        return alloc;
    }

    Compression compression() {
        return compression;
    }

    // ---- flush and close ---------------------------------------------------------------------------------------------

    /** Whether a flush (or close) asks for every batch to be sent without lingering. */
    boolean flushing() {
        return flushesInProgress.get() > 0 || closed;
    }

    void beginFlush() {
        flushesInProgress.incrementAndGet();
    }

    void endFlush() {
        flushesInProgress.decrementAndGet();
    }

    /**
     * Snapshot of the batches not yet complete (a batch split into parts counts until every part is complete).
     * Visits every partition of every topic, under each queue's lock: for flush and close, not for hot paths.
     */
    List<ProducerBatch> incompleteBatches() {
        List<ProducerBatch> out = new ArrayList<>();
        for (TopicState t : topics.values()) {
            TopicRouting routing = t.routing;
            if (routing == null) {
                continue;
            }
            for (PartitionQueue q : routing.queues()) {
                Locks.lock(q.lock);
                try {
                    q.unfinishedLocked(out);
                } finally {
                    q.lock.unlock();
                }
            }
        }
        return out;
    }

    /** Snapshot of every record waiting for metadata. */
    List<CompletableFuture<RecordMetadata>> pendingFutures() {
        List<CompletableFuture<RecordMetadata>> all = new ArrayList<>();
        for (TopicState t : topics.values()) {
            if (!t.hasPending()) {
                continue;
            }
            t.pendingLock.lock();
            try {
                for (PendingRecord r : t.pendingLocked()) {
                    all.add(r.future());
                }
            } finally {
                t.pendingLock.unlock();
            }
        }
        return all;
    }

    boolean isClosed() {
        return closed;
    }

    /**
     * Refuses appends from now on. Appends are checked under their queue's (or topic's pending) lock, so every
     * record accepted before this is in a queue a later sweep under those locks will find.
     */
    void close() {
        closed = true;
    }

    /** Frees the batch buffers kept for reuse; once every batch is settled. */
    void freeBuffers() {
        alloc.close();
    }

    private static ProducerClosedException closedError() {
        return new ProducerClosedException("The producer is closed: no more records are accepted");
    }
}
