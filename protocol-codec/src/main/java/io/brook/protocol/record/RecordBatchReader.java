package io.brook.protocol.record;

import static io.brook.protocol.record.RecordBatchFormat.HEADER_SIZE;
import static io.brook.protocol.record.RecordBatchFormat.LENGTH_OFFSET;
import static io.brook.protocol.record.RecordBatchFormat.LOG_OVERHEAD;
import static io.brook.protocol.record.RecordBatchFormat.MAGIC;
import static io.brook.protocol.record.RecordBatchFormat.MAGIC_OFFSET;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Iterates the record batches in a {@code records} buffer: a Fetch response partition's records, zero or more
 * batches, the last of which may be cut short by the fetch size limit. A trailing incomplete batch ends the
 * iteration quietly; {@link #partialTrailingBytes()} then tells how many bytes it held, so that a fetcher can tell
 * "no complete batch fits in the fetch size" from "no data".
 *
 * <p><b>Ownership.</b> The reader never releases or moves the indices of {@code records}; the caller keeps owning
 * it. Each {@link RecordBatch} from {@link #next()} holds its own reference to the memory, so the caller may
 * release {@code records} (e.g. the Fetch response) once it has taken the batches it wants, and must release
 * every batch it takes.
 *
 * <p><b>Errors.</b> {@link #hasNext()} and {@link #next()} throw
 * {@link io.brook.common.errors.CorruptRecordException} (naming the batch's base offset) for an impossible batch
 * length, a bad CRC (when checking is on) or an invalid header, and {@link UnsupportedRecordFormatException} for a
 * magic 0 or 1 message set. The reader does not advance past a batch that failed, so it keeps failing there.
 *
 * <p><b>Threading.</b> Not thread-safe; confine to one thread.
 */
public final class RecordBatchReader implements Iterator<RecordBatch> {
    private final ByteBuf records;
    private final ByteBufAllocator alloc;
    private final boolean verifyChecksums;
    private final int end;
    private int position;
    private int partialTrailingBytes;

    /**
     * @param records the batches to read, from its reader index to its writer index; not taken over
     * @param alloc where compressed batches allocate their decompression buffers
     * @param verifyChecksums whether {@link #next()} checks each batch's CRC (Kafka's {@code check.crcs})
     */
    public RecordBatchReader(ByteBuf records, ByteBufAllocator alloc, boolean verifyChecksums) {
        this.records = records;
        this.alloc = alloc;
        this.verifyChecksums = verifyChecksums;
        this.position = records.readerIndex();
        this.end = records.writerIndex();
    }

    /**
     * Whether a complete batch follows. Returns false at the end and before an incomplete trailing batch.
     *
     * @throws io.brook.common.errors.CorruptRecordException if the next batch's length is impossible
     * @throws UnsupportedRecordFormatException if the next batch is complete and not magic 2
     */
    @Override
    public boolean hasNext() {
        return nextSize() > 0;
    }

    /**
     * The next batch, CRC-checked when checking is on. The caller owns it and must {@link RecordBatch#release()
     * release} it.
     *
     * @throws NoSuchElementException when {@link #hasNext()} is false
     */
    @Override
    public RecordBatch next() {
        int size = nextSize();
        if (size <= 0) {
            throw new NoSuchElementException();
        }
        ByteBuf slice = records.retainedSlice(position, size);
        RecordBatch batch;
        try {
            batch = new RecordBatch(slice, alloc);
        } catch (RuntimeException e) {
            slice.release();
            throw e;
        }
        if (verifyChecksums) {
            try {
                batch.ensureValid();
            } catch (RuntimeException e) {
                batch.release();
                throw e;
            }
        }
        position += size;
        return batch;
    }

    /**
     * The number of bytes of an incomplete batch at the end of the buffer, once iteration has ended
     * ({@link #hasNext()} returned false); 0 when the buffer ended on a batch boundary.
     */
    public int partialTrailingBytes() {
        return partialTrailingBytes;
    }

    /** How many bytes of the buffer the batches returned so far took. */
    public int bytesRead() {
        return position - records.readerIndex();
    }

    /** The size of the complete batch at the current position, or 0 (recording any partial tail). */
    private int nextSize() {
        int remaining = end - position;
        if (remaining < LOG_OVERHEAD) {
            partialTrailingBytes = remaining;
            return 0;
        }
        long baseOffset = records.getLong(position);
        int length = records.getInt(position + LENGTH_OFFSET);
        // Every format has its magic byte within the first 17 bytes; a length that does not reach it is garbage.
        if (length < MAGIC_OFFSET + 1 - LOG_OVERHEAD) {
            throw RecordErrors.corrupt(baseOffset, "batch length " + length + " is too small");
        }
        long size = (long) length + LOG_OVERHEAD;
        if (size > remaining) {
            partialTrailingBytes = remaining;
            return 0;
        }
        byte magic = records.getByte(position + MAGIC_OFFSET);
        if (magic != MAGIC) {
            throw new UnsupportedRecordFormatException(baseOffset, magic);
        }
        if (size < HEADER_SIZE) {
            throw RecordErrors.corrupt(baseOffset, "batch of " + size + " bytes is smaller than its "
                    + HEADER_SIZE + "-byte header");
        }
        partialTrailingBytes = 0;
        return (int) size;
    }
}
