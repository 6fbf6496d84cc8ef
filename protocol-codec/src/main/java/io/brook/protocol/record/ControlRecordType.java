package io.brook.protocol.record;

import io.netty.buffer.ByteBuf;

/**
 * The type of a control record, read from its key: version int16 (0 today; newer versions are read as 0, whose
 * fields they extend) then type int16. User topics carry only {@link #ABORT} and {@link #COMMIT} transaction
 * markers; the others appear in KRaft's metadata log. Types this enum does not know read as {@link #UNKNOWN}.
 */
public enum ControlRecordType {
    ABORT(0),
    COMMIT(1),
    LEADER_CHANGE(2),
    SNAPSHOT_HEADER(3),
    SNAPSHOT_FOOTER(4),
    KRAFT_VERSION(5),
    KRAFT_VOTERS(6),
    UNKNOWN(-1);

    /** The control record key version Brook writes. */
    static final short KEY_VERSION = 0;
    private static final int KEY_SIZE = 4;

    private final short id;

    ControlRecordType(int id) {
        this.id = (short) id;
    }

    /** The type id stored in a control record's key; -1 for UNKNOWN. */
    public short id() {
        return id;
    }

    /**
     * The type of a control record (a record of a batch whose {@link RecordBatch#isControl()} is true).
     *
     * @throws io.brook.common.errors.CorruptRecordException naming the record's offset if its key is null, shorter
     *     than 4 bytes or has a negative version
     */
    public static ControlRecordType of(Record record) {
        ByteBuf key = record.key();
        if (key == null || key.readableBytes() < KEY_SIZE) {
            throw RecordErrors.corrupt(record.offset(), "control record key has "
                    + (key == null ? "null" : key.readableBytes() + " bytes") + ", needs " + KEY_SIZE);
        }
        short version = key.getShort(key.readerIndex());
        if (version < 0) {
            throw RecordErrors.corrupt(record.offset(), "control record key version " + version + " is negative");
        }
        return forId(key.getShort(key.readerIndex() + 2));
    }

    /** The type with this id, or {@link #UNKNOWN}. */
    public static ControlRecordType forId(short id) {
        for (ControlRecordType t : values()) {
            if (t.id == id && t != UNKNOWN) {
                return t;
            }
        }
        return UNKNOWN;
    }

    /** The key of a control record of this type at the current key version. */
    static byte[] keyBytes(ControlRecordType type) {
        return new byte[] {
            (byte) (KEY_VERSION >> 8), (byte) KEY_VERSION, (byte) (type.id >> 8), (byte) type.id
        };
    }
}
