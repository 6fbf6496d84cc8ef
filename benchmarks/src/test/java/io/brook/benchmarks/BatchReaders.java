package io.brook.benchmarks;

import io.brook.protocol.record.Record;
import io.brook.protocol.record.RecordBatch;
import io.brook.protocol.record.RecordBatchReader;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.ByteBuffer;
import org.apache.kafka.common.record.MemoryRecords;
import org.apache.kafka.common.record.MutableRecordBatch;
import org.apache.kafka.common.utils.BufferSupplier;
import org.apache.kafka.common.utils.CloseableIterator;

/**
 * The read loop of each client, as a consumer runs it on fetched bytes: every batch CRC-checked (the consumer's
 * {@code check.crcs=true} default), every record parsed, its key and value looked at. "Looking" is the sum of both
 * lengths and their first bytes, which forces the parse and the decompression without adding a copy that one
 * client's API would need and the other's would not.
 *
 * <p>The read benchmark measures these methods; the write benchmark's self-check uses them to show that each
 * client reads the other's batches. Stateless.
 */
final class BatchReaders {
    private BatchReaders() {}

    /** Brook: reads every batch in {@code records} (indices untouched) and returns the touch sum. */
    static long brook(ByteBuf records, ByteBufAllocator alloc) {
        long sum = 0;
        RecordBatchReader reader = new RecordBatchReader(records, alloc, true);
        while (reader.hasNext()) {
            RecordBatch batch = reader.next();
            try {
                for (Record record : batch) {
                    ByteBuf key = record.key();
                    ByteBuf value = record.value();
                    sum += key.readableBytes() + value.readableBytes()
                            + key.getByte(key.readerIndex()) + value.getByte(value.readerIndex());
                }
            } finally {
                batch.release();
            }
        }
        return sum;
    }

    /** kafka-clients: the same over {@code records} (position untouched), as its consumer's fetch parsing does. */
    static long kafka(ByteBuffer records, BufferSupplier decompressionBuffers) {
        long sum = 0;
        for (MutableRecordBatch batch : MemoryRecords.readableRecords(records.duplicate()).batches()) {
            batch.ensureValid();
            try (CloseableIterator<org.apache.kafka.common.record.Record> it =
                    batch.streamingIterator(decompressionBuffers)) {
                while (it.hasNext()) {
                    org.apache.kafka.common.record.Record record = it.next();
                    ByteBuffer key = record.key();
                    ByteBuffer value = record.value();
                    sum += key.remaining() + value.remaining()
                            + key.get(key.position()) + value.get(value.position());
                }
            }
        }
        return sum;
    }
}
