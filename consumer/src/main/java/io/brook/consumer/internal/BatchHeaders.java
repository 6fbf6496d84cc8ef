package io.brook.consumer.internal;

import io.brook.protocol.record.RecordBatchFormat;
import io.netty.buffer.ByteBuf;

/**
 * Reads what the fetcher needs from the headers of fetched batches without decoding them: where the next fetch
 * continues. Runs on the background thread when a response arrives, so that the next fetch of the partition can be
 * sent while the application still works through this one. Stateless.
 */
final class BatchHeaders {
    /** Record batch v2: base offset (int64) at 0, batch length (int32) at 8, last offset delta (int32) at 23. */
    private static final int LENGTH_OFFSET = 8;
    private static final int LAST_OFFSET_DELTA_OFFSET = 23;

    private BatchHeaders() {}

    /**
     * The offset after the last complete batch in {@code records} (from its reader index), or -1 if it holds no
     * complete batch. Does not move the buffer's indices.
     */
    static long nextOffsetAfterCompleteBatches(ByteBuf records) {
        int position = records.readerIndex();
        int end = records.writerIndex();
        long next = -1L;
        while (end - position >= RecordBatchFormat.HEADER_SIZE) {
            int length = records.getInt(position + LENGTH_OFFSET);
            long size = (long) length + RecordBatchFormat.LOG_OVERHEAD;
            if (length < 0 || size > end - position) {
                break;
            }
            long baseOffset = records.getLong(position);
            next = baseOffset + records.getInt(position + LAST_OFFSET_DELTA_OFFSET) + 1;
            position += (int) size;
        }
        return next;
    }
}
