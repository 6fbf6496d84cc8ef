package io.brook.protocol.record;

import io.brook.protocol.compress.Compression;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.Objects;

/**
 * A transaction marker: the control record a transaction coordinator writes to end a transaction on a
 * partition, {@link ControlRecordType#COMMIT} or {@link ControlRecordType#ABORT}. Its value is version int16 (0)
 * then the coordinator epoch int32; readers accept later versions, which only append fields. Immutable.
 */
public final class EndTransactionMarker {
    private static final short VALUE_VERSION = 0;
    private static final int VALUE_SIZE = 6;

    private final ControlRecordType type;
    private final int coordinatorEpoch;

    /** @throws IllegalArgumentException unless {@code type} is COMMIT or ABORT */
    public EndTransactionMarker(ControlRecordType type, int coordinatorEpoch) {
        Objects.requireNonNull(type, "type");
        if (type != ControlRecordType.COMMIT && type != ControlRecordType.ABORT) {
            throw new IllegalArgumentException("a transaction marker is COMMIT or ABORT, not " + type);
        }
        this.type = type;
        this.coordinatorEpoch = coordinatorEpoch;
    }

    public ControlRecordType type() {
        return type;
    }

    public boolean isCommit() {
        return type == ControlRecordType.COMMIT;
    }

    public int coordinatorEpoch() {
        return coordinatorEpoch;
    }

    /** The encoded record value: version 0, coordinator epoch. */
    public byte[] value() {
        return new byte[] {
            (byte) (VALUE_VERSION >> 8), (byte) VALUE_VERSION,
            (byte) (coordinatorEpoch >>> 24), (byte) (coordinatorEpoch >>> 16), (byte) (coordinatorEpoch >>> 8),
            (byte) coordinatorEpoch
        };
    }

    /**
     * Reads the marker from a control record.
     *
     * @throws IllegalArgumentException if the record is a control record of another type
     * @throws io.brook.common.errors.CorruptRecordException naming the offset if the key or value is malformed
     */
    public static EndTransactionMarker read(Record record) {
        ControlRecordType type = ControlRecordType.of(record);
        if (type != ControlRecordType.COMMIT && type != ControlRecordType.ABORT) {
            throw new IllegalArgumentException("control record at offset " + record.offset() + " is " + type
                    + ", not a transaction marker");
        }
        ByteBuf value = record.value();
        if (value == null || value.readableBytes() < VALUE_SIZE) {
            throw RecordErrors.corrupt(record.offset(), "transaction marker value has "
                    + (value == null ? "null" : value.readableBytes() + " bytes") + ", needs " + VALUE_SIZE);
        }
        short version = value.getShort(value.readerIndex());
        if (version < 0) {
            throw RecordErrors.corrupt(record.offset(), "transaction marker version " + version + " is negative");
        }
        return new EndTransactionMarker(type, value.getInt(value.readerIndex() + 2));
    }

    /**
     * Writes an uncompressed transactional control batch holding just this marker, as a coordinator would. The
     * caller owns the returned buffer.
     */
    public ByteBuf writeBatch(ByteBufAllocator alloc, long baseOffset, long timestamp, int partitionLeaderEpoch,
            long producerId, short producerEpoch) {
        RecordBatchBuilder builder = new RecordBatchBuilder(alloc, Compression.none(), baseOffset, 128);
        try {
            builder.partitionLeaderEpoch(partitionLeaderEpoch)
                    .producerState(producerId, producerEpoch, RecordBatchFormat.NO_SEQUENCE)
                    .transactional(true)
                    .control(true);
            builder.appendControlRecord(timestamp, type, value());
            return builder.build();
        } finally {
            builder.release();
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EndTransactionMarker m && m.type == type && m.coordinatorEpoch == coordinatorEpoch;
    }

    @Override
    public int hashCode() {
        return type.hashCode() * 31 + coordinatorEpoch;
    }

    @Override
    public String toString() {
        return "EndTransactionMarker(" + type + ", coordinatorEpoch=" + coordinatorEpoch + ")";
    }
}
