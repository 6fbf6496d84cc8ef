package io.brook.consumer.internal;

import io.brook.protocol.record.ControlRecordType;
import io.brook.protocol.record.Record;
import io.brook.protocol.record.RecordBatch;
import io.brook.protocol.record.RecordBatchFormat;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * For {@code isolation.level=read_committed}: tells which fetched batches belong to aborted transactions, from the
 * aborted transactions a Fetch response lists for the partition (producer id and first offset of each) and the
 * abort markers met in the data. A transaction is aborted from its first offset until its producer's ABORT
 * marker.
 *
 * <p>Owned by the polling thread through its {@link CompletedFetch}; not thread-safe.
 */
final class AbortedTransactions {
    /** One aborted transaction the broker listed. */
    record Aborted(long producerId, long firstOffset) {}

    private final PriorityQueue<Aborted> pending;
    private final Set<Long> abortedProducers = new HashSet<>();

    AbortedTransactions(List<Aborted> aborted) {
        this.pending = new PriorityQueue<>(Math.max(1, aborted.size()),
                (a, b) -> Long.compare(a.firstOffset(), b.firstOffset()));
        pending.addAll(aborted);
    }

    /**
     * Whether {@code batch} is to be skipped as part of an aborted transaction. Must be called for every batch in
     * offset order (control batches included: an ABORT marker ends its producer's aborted transaction).
     */
    boolean skip(RecordBatch batch) {
        if (batch.producerId() == RecordBatchFormat.NO_PRODUCER_ID) {
            return false;
        }
        while (!pending.isEmpty() && pending.peek().firstOffset() <= batch.lastOffset()) {
            abortedProducers.add(pending.poll().producerId());
        }
        if (batch.isControl()) {
            if (isAbortMarker(batch)) {
                abortedProducers.remove(batch.producerId());
            }
            return false;
        }
        return batch.isTransactional() && abortedProducers.contains(batch.producerId());
    }

    private static boolean isAbortMarker(RecordBatch batch) {
        Iterator<Record> records = batch.iterator();
        return records.hasNext() && ControlRecordType.of(records.next()) == ControlRecordType.ABORT;
    }
}
