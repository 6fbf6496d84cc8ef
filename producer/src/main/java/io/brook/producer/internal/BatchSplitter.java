package io.brook.producer.internal;

import io.brook.common.Header;
import io.brook.protocol.record.Record;
import io.brook.protocol.record.RecordBatch;
import io.brook.protocol.record.RecordBatchBuilder;
import io.brook.protocol.record.RecordBatchReader;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a batch the broker refused as too large (MESSAGE_TOO_LARGE, RECORD_LIST_TOO_LARGE) into batches of at most
 * {@code batch.size} and at most half the original each, keeping every record's future and timestamp, in order. With idempotence the parts take
 * the sequence range of the original (which the broker refused, so never wrote), consecutively, and the same
 * producer epoch; they are built at once and retried like any other batch.
 *
 * <p>Sender thread only. The original batch is left untouched; the caller releases it.
 */
final class BatchSplitter {
    private final RecordAccumulator accumulator;

    BatchSplitter(RecordAccumulator accumulator) {
        this.accumulator = accumulator;
    }

    /**
     * @return the parts, in record order, each at most half the original's size (so that repeated splits end at
     *     single records however large {@code batch.size} is); each holds buffer.memory reserved for it
     */
    List<ProducerBatch> split(ProducerBatch original) {
        int sizeLimit = Math.max(1, Math.min(accumulator.batchSize(), original.uncompressedSizeInBytes() / 2));
        List<ProducerBatch> parts = new ArrayList<>();
        ProducerBatch current = null;
        int index = 0;
        RecordBatchReader reader = new RecordBatchReader(original.buffer().duplicate(), accumulator.alloc(), false);
        while (reader.hasNext()) {
            try (RecordBatch batch = reader.next()) {
                for (Record r : batch) {
                    byte[] key = r.hasKey() ? r.keyBytes() : null;
                    byte[] value = r.hasValue() ? r.valueBytes() : null;
                    List<Header> headers = r.headersCopy();
                    long timestamp = original.timestampAt(index);
                    if (current == null || current.tryAppend(sizeLimit, timestamp, key, value, headers,
                            original.futureAt(index)) < 0) {
                        current = newPart(original, RecordBatchBuilder.batchSizeUpperBound(
                                key == null ? -1 : key.length, value == null ? -1 : value.length, headers));
                        parts.add(current);
                        current.tryAppend(sizeLimit, timestamp, key, value, headers, original.futureAt(index));
                    }
                    index++;
                }
            }
        }
        if (index != original.recordCount()) {
            parts.forEach(p -> accumulator.pool().release(p.releaseBuffer()));
            throw new IllegalStateException("split of " + original + " read " + index + " records");
        }
        int sequence = original.baseSequence();
        for (ProducerBatch part : parts) {
            long growth = part.unreservedGrowth();
            accumulator.pool().forceReserve(growth);
            part.addReserved(growth);
            boolean numbered = original.hasSequence();
            accumulator.pool().release(part.build(original.producerId(), original.producerEpoch(),
                    numbered ? sequence : original.baseSequence(), original.isTransactional()));
            if (numbered) {
                sequence = Sequences.add(sequence, part.recordCount());
            }
        }
        return parts;
    }

    private ProducerBatch newPart(ProducerBatch original, int upperBound) {
        long reserve = Math.max(accumulator.batchSize(), upperBound);
        accumulator.pool().forceReserve(reserve);
        RecordBatchBuilder builder = new RecordBatchBuilder(accumulator.alloc(), accumulator.compression(), 0L,
                (int) Math.min(reserve, Integer.MAX_VALUE - 8));
        // Sizes as if uncompressed, so that each part holds at most half the original's records by bytes.
        builder.estimatedCompressionRatio(1.0f);
        return new ProducerBatch(original.queue, builder, accumulator.alloc(), reserve, original.createdMs, 16);
    }
}
