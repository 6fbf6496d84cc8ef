package io.brook.protocol.record;

import io.brook.common.errors.BrookException;

/**
 * A batch uses a record format other than record batch v2 (magic 0 or 1 message sets). Brook reads and writes
 * only magic 2, which every broker since Kafka 0.11 writes; a partition still holding older messages must be
 * read with a client that converts them. Not retriable.
 */
public final class UnsupportedRecordFormatException extends BrookException {
    private final long baseOffset;
    private final byte magic;

    public UnsupportedRecordFormatException(long baseOffset, byte magic) {
        super("record batch at offset " + baseOffset + " has magic " + magic
                + "; Brook reads only record batch v2 (magic 2), written by brokers since Kafka 0.11");
        this.baseOffset = baseOffset;
        this.magic = magic;
    }

    /** The offset the unsupported batch (or message set entry) starts at. */
    public long baseOffset() {
        return baseOffset;
    }

    public byte magic() {
        return magic;
    }
}
