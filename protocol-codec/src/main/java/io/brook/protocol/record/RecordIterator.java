package io.brook.protocol.record;

import io.brook.common.Header;
import io.brook.protocol.wire.MalformedMessageException;
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Parses the records of one batch from its (uncompressed) records bytes, one per {@link #next()}. Keys and values
 * are kept as offsets into the records buffer and sliced only when asked for ({@link Record#key()}); header
 * values are sliced here. Owned by the thread iterating; holds no reference count of its own (the
 * {@link RecordBatch} does).
 *
 * <p>Record fields are parsed through a {@link RecordCursor} over one {@code ByteBuffer} view of the records, not
 * through the {@code ByteBuf}: Netty's per-read bounds and reference-count checks were most of the cost of
 * reading a batch. The cursor bounds every read by the region and by each record's own size instead, and
 * {@link #next()} refuses to read once the batch is released, when the view's memory may be reused.
 */
final class RecordIterator implements Iterator<Record> {
    private final ByteBuf records;
    private final RecordCursor cursor;
    private final RecordBatch batch;
    // Header fields each record needs, read once: every read from the batch's buffer is a checked one.
    private final long baseOffset;
    private final long baseTimestamp;
    private final int baseSequence;
    private final long logAppendTime;
    private final int count;
    private final int end;
    private int index;

    /** @param records the records bytes, readable from its reader index to its writer index; not moved */
    RecordIterator(ByteBuf records, RecordBatch batch) {
        // Index 0 of the cursor's view must be index 0 of the buffer that records slice keys and values from. For a
        // region spread over several components (a composite fetch buffer) nioBuffer() copies it, once per pass.
        this.records = records.slice();
        this.cursor = new RecordCursor(this.records.nioBuffer().slice());
        this.batch = batch;
        this.baseOffset = batch.baseOffset();
        this.baseTimestamp = batch.baseTimestamp();
        this.baseSequence = batch.baseSequence();
        this.logAppendTime = batch.timestampType() == TimestampType.LOG_APPEND_TIME
                ? batch.maxTimestamp() : RecordBatchFormat.NO_TIMESTAMP;
        this.count = batch.recordCount();
        this.end = cursor.limit();
    }

    @Override
    public boolean hasNext() {
        return index < count;
    }

    @Override
    public Record next() {
        if (index >= count) {
            throw new NoSuchElementException();
        }
        batch.ensureNotReleased();
        Record record;
        try {
            record = readRecord();
        } catch (MalformedMessageException e) {
            throw RecordErrors.corrupt(baseOffset, "record " + index + " is malformed", e);
        }
        index++;
        if (index == count && cursor.remaining() > 0) {
            throw RecordErrors.corrupt(baseOffset, cursor.remaining() + " bytes follow its " + count
                    + " records");
        }
        return record;
    }

    private Record readRecord() {
        int start = cursor.position();
        int bodySize = cursor.readVarint();
        if (bodySize < 0 || bodySize > cursor.remaining()) {
            throw RecordErrors.corrupt(baseOffset, "record " + index + " claims " + bodySize
                    + " bytes with " + cursor.remaining() + " left");
        }
        int recordEnd = cursor.position() + bodySize;
        // Bound every read of the body by the record's own size.
        cursor.limit(recordEnd);
        try {
            Record record = readBody(recordEnd - start);
            if (cursor.remaining() > 0) {
                throw RecordErrors.corrupt(baseOffset, "record " + index + " has " + cursor.remaining()
                        + " bytes beyond its fields");
            }
            return record;
        } finally {
            cursor.limit(end);
        }
    }

    private Record readBody(int sizeInBytes) {
        cursor.readByte(); // record attributes: none defined
        long timestampDelta = cursor.readVarlong();
        int offsetDelta = cursor.readVarint();
        int keyLength = readNullableLength("key");
        int keyOffset = cursor.position();
        cursor.skip(Math.max(keyLength, 0));
        int valueLength = readNullableLength("value");
        int valueOffset = cursor.position();
        cursor.skip(Math.max(valueLength, 0));
        List<HeaderView> headers = readHeaders();
        long timestamp = logAppendTime != RecordBatchFormat.NO_TIMESTAMP
                ? logAppendTime : baseTimestamp + timestampDelta;
        return new Record(baseOffset + offsetDelta, timestamp, RecordBatch.sequenceAt(baseSequence, offsetDelta),
                sizeInBytes,
                records, keyOffset, keyLength, valueOffset, valueLength, headers);
    }

    private List<HeaderView> readHeaders() {
        int n = cursor.readVarint();
        if (n == 0) {
            return List.of();
        }
        // A header takes at least two bytes: a larger count can only be corrupt, and must not size a list.
        if (n < 0 || n > cursor.remaining() / 2) {
            throw RecordErrors.corrupt(baseOffset, "record " + index + " has an invalid header count " + n);
        }
        List<HeaderView> headers = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int keyLength = cursor.readVarint();
            if (keyLength < 0) {
                throw RecordErrors.corrupt(baseOffset, "record " + index + " has a null header key");
            }
            checkLength(keyLength, "header key");
            String key = records.toString(cursor.position(), keyLength, StandardCharsets.UTF_8);
            cursor.skip(keyLength);
            headers.add(new HeaderView(key, readNullableSlice("header value")));
        }
        return Collections.unmodifiableList(headers);
    }

    private ByteBuf readNullableSlice(String what) {
        int n = readNullableLength(what);
        if (n == -1) {
            return null;
        }
        ByteBuf slice = records.slice(cursor.position(), n);
        cursor.skip(n);
        return slice;
    }

    /** Reads a length that may be -1 (null) and checks that the bytes it claims are within the record. */
    private int readNullableLength(String what) {
        int n = cursor.readVarint();
        if (n != -1) {
            checkLength(n, what);
        }
        return n;
    }

    private void checkLength(int n, String what) {
        if (n < 0 || n > cursor.remaining()) {
            throw RecordErrors.corrupt(baseOffset, "record " + index + " has a " + what + " length " + n
                    + " with " + cursor.remaining() + " bytes left");
        }
    }
}
