package io.brook.protocol.record;

import io.brook.protocol.wire.MalformedMessageException;
import io.brook.protocol.wire.WireFormat;
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Parses the records of one batch from its (uncompressed) records bytes, one per {@link #next()}, slicing keys,
 * values and header values out of the buffer without copying. Owned by the thread iterating; holds no reference
 * count of its own (the {@link RecordBatch} does).
 */
final class RecordIterator implements Iterator<Record> {
    private final ByteBuf in;
    private final RecordBatch batch;
    private final long logAppendTime;
    private final int count;
    private int index;

    /** @param in the records bytes, with indices of its own (a slice or duplicate this iterator may move) */
    RecordIterator(ByteBuf in, RecordBatch batch) {
        this.in = in;
        this.batch = batch;
        this.logAppendTime = batch.timestampType() == TimestampType.LOG_APPEND_TIME
                ? batch.maxTimestamp() : RecordBatchFormat.NO_TIMESTAMP;
        this.count = batch.recordCount();
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
        Record record;
        try {
            record = readRecord();
        } catch (MalformedMessageException e) {
            throw RecordErrors.corrupt(batch.baseOffset(), "record " + index + " is malformed", e);
        }
        index++;
        if (index == count && in.isReadable()) {
            throw RecordErrors.corrupt(batch.baseOffset(), in.readableBytes() + " bytes follow its " + count
                    + " records");
        }
        return record;
    }

    private Record readRecord() {
        int start = in.readerIndex();
        int bodySize = WireFormat.readVarint(in);
        if (bodySize < 0 || bodySize > in.readableBytes()) {
            throw RecordErrors.corrupt(batch.baseOffset(), "record " + index + " claims " + bodySize
                    + " bytes with " + in.readableBytes() + " left");
        }
        int end = in.readerIndex() + bodySize;
        int limit = in.writerIndex();
        // Bound every read of the body by the record's own size, without allocating a slice for it.
        in.writerIndex(end);
        try {
            Record record = readBody(end - start);
            if (in.isReadable()) {
                throw RecordErrors.corrupt(batch.baseOffset(), "record " + index + " has " + in.readableBytes()
                        + " bytes beyond its fields");
            }
            return record;
        } finally {
            in.writerIndex(limit);
        }
    }

    private Record readBody(int sizeInBytes) {
        WireFormat.readByte(in); // record attributes: none defined
        long timestampDelta = WireFormat.readVarlong(in);
        int offsetDelta = WireFormat.readVarint(in);
        ByteBuf key = readNullableSlice("key");
        ByteBuf value = readNullableSlice("value");
        List<HeaderView> headers = readHeaders();
        long timestamp = logAppendTime != RecordBatchFormat.NO_TIMESTAMP
                ? logAppendTime : batch.baseTimestamp() + timestampDelta;
        return new Record(batch.baseOffset() + offsetDelta, timestamp,
                RecordBatch.sequenceAt(batch.baseSequence(), offsetDelta), sizeInBytes, key, value, headers);
    }

    private List<HeaderView> readHeaders() {
        int n = WireFormat.readVarint(in);
        if (n == 0) {
            return List.of();
        }
        // A header takes at least two bytes: a larger count can only be corrupt, and must not size a list.
        if (n < 0 || n > in.readableBytes() / 2) {
            throw RecordErrors.corrupt(batch.baseOffset(), "record " + index + " has an invalid header count " + n);
        }
        List<HeaderView> headers = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int keyLength = WireFormat.readVarint(in);
            if (keyLength < 0) {
                throw RecordErrors.corrupt(batch.baseOffset(), "record " + index + " has a null header key");
            }
            checkLength(keyLength, "header key");
            String key = in.toString(in.readerIndex(), keyLength, StandardCharsets.UTF_8);
            in.skipBytes(keyLength);
            headers.add(new HeaderView(key, readNullableSlice("header value")));
        }
        return Collections.unmodifiableList(headers);
    }

    private ByteBuf readNullableSlice(String what) {
        int n = WireFormat.readVarint(in);
        if (n == -1) {
            return null;
        }
        checkLength(n, what);
        return in.readSlice(n);
    }

    private void checkLength(int n, String what) {
        if (n < 0 || n > in.readableBytes()) {
            throw RecordErrors.corrupt(batch.baseOffset(), "record " + index + " has a " + what + " length " + n
                    + " with " + in.readableBytes() + " bytes left");
        }
    }
}
