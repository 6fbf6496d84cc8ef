package io.brook.protocol.wire;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Kafka's primitive wire types over Netty buffers: varints, strings, bytes, UUIDs, array lengths and tagged
 * fields, in both the classic (fixed-width length) and compact (unsigned varint length + 1) encodings.
 *
 * <p>Stateless; every method reads from or writes to the buffer at its reader/writer index. Malformed input
 * (a negative length other than the null marker, a length past the readable bytes, a varint longer than its
 * type) throws {@link MalformedMessageException}.
 */
public final class WireFormat {
    private WireFormat() {}

    // ---------------------------------------------------------------- varints

    public static int readUnsignedVarint(ByteBuf in) {
        int value = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            byte b = readByteChecked(in);
            value |= (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new MalformedMessageException("unsigned varint longer than 5 bytes");
    }

    public static long readUnsignedVarlong(ByteBuf in) {
        long value = 0;
        for (int shift = 0; shift < 70; shift += 7) {
            byte b = readByteChecked(in);
            value |= (long) (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new MalformedMessageException("unsigned varlong longer than 10 bytes");
    }

    public static void writeUnsignedVarint(ByteBuf out, int value) {
        while ((value & 0xffffff80) != 0) {
            out.writeByte((value & 0x7f) | 0x80);
            value >>>= 7;
        }
        out.writeByte(value);
    }

    public static void writeUnsignedVarlong(ByteBuf out, long value) {
        while ((value & 0xffffffffffffff80L) != 0L) {
            out.writeByte(((int) value & 0x7f) | 0x80);
            value >>>= 7;
        }
        out.writeByte((int) value);
    }

    public static int sizeOfUnsignedVarint(int value) {
        // 1 byte per 7 significant bits, at least one byte.
        int bits = 32 - Integer.numberOfLeadingZeros(value);
        return bits == 0 ? 1 : (bits + 6) / 7;
    }

    public static int sizeOfUnsignedVarlong(long value) {
        int bits = 64 - Long.numberOfLeadingZeros(value);
        return bits == 0 ? 1 : (bits + 6) / 7;
    }

    /** Zigzag-encoded signed varint (record fields). */
    public static int readVarint(ByteBuf in) {
        int raw = readUnsignedVarint(in);
        return (raw >>> 1) ^ -(raw & 1);
    }

    public static void writeVarint(ByteBuf out, int value) {
        writeUnsignedVarint(out, (value << 1) ^ (value >> 31));
    }

    public static int sizeOfVarint(int value) {
        return sizeOfUnsignedVarint((value << 1) ^ (value >> 31));
    }

    /** Zigzag-encoded signed varlong (record timestamps and offsets deltas). */
    public static long readVarlong(ByteBuf in) {
        long raw = readUnsignedVarlong(in);
        return (raw >>> 1) ^ -(raw & 1);
    }

    public static void writeVarlong(ByteBuf out, long value) {
        writeUnsignedVarlong(out, (value << 1) ^ (value >> 63));
    }

    public static int sizeOfVarlong(long value) {
        return sizeOfUnsignedVarlong((value << 1) ^ (value >> 63));
    }

    // ---------------------------------------------------------------- lengths

    /**
     * Reads an array, string or bytes length. Classic: int32 (strings: int16) with -1 for null. Compact: unsigned
     * varint N+1 with 0 for null. Returns -1 for null.
     */
    public static int readCompactLength(ByteBuf in) {
        int n = readUnsignedVarint(in) - 1;
        return n;
    }

    public static void writeCompactLength(ByteBuf out, int length) {
        writeUnsignedVarint(out, length + 1);
    }

    public static int sizeOfCompactLength(int length) {
        return sizeOfUnsignedVarint(length + 1);
    }

    /** Reads an array length: compact varint or int32; -1 for null; checks it against the readable bytes. */
    public static int readArrayLength(ByteBuf in, boolean compact) {
        int n = compact ? readCompactLength(in) : readInt(in);
        if (n < -1) {
            throw new MalformedMessageException("negative array length " + n);
        }
        // Every element takes at least one byte: a larger count can only be corrupt input.
        if (n > in.readableBytes()) {
            throw new MalformedMessageException("array length " + n + " exceeds the " + in.readableBytes()
                    + " bytes left");
        }
        return n;
    }

    public static void writeArrayLength(ByteBuf out, int length, boolean compact) {
        if (compact) {
            writeCompactLength(out, length);
        } else {
            out.writeInt(length);
        }
    }

    public static int sizeOfArrayLength(int length, boolean compact) {
        return compact ? sizeOfCompactLength(length) : 4;
    }

    // ---------------------------------------------------------------- strings

    /** Reads a string; returns null for the null marker (the caller decides whether null is allowed). */
    public static String readString(ByteBuf in, boolean compact) {
        int len = compact ? readCompactLength(in) : readShort(in);
        if (len == -1) {
            return null;
        }
        checkLength(in, len, "string");
        String s = in.toString(in.readerIndex(), len, StandardCharsets.UTF_8);
        in.skipBytes(len);
        return s;
    }

    /** Writes a string (null writes the null marker). */
    public static void writeString(ByteBuf out, String value, boolean compact) {
        if (value == null) {
            if (compact) {
                writeUnsignedVarint(out, 0);
            } else {
                out.writeShort(-1);
            }
            return;
        }
        int len = utf8Length(value);
        if (compact) {
            writeCompactLength(out, len);
        } else {
            if (len > Short.MAX_VALUE) {
                throw new IllegalArgumentException("string of " + len + " bytes exceeds the int16 length limit");
            }
            out.writeShort(len);
        }
        // Reserve exactly the computed length: writeCharSequence would demand 3 bytes per char of room and grow
        // (copy) buffers that were sized exactly from size().
        ByteBufUtil.reserveAndWriteUtf8(out, value, len);
    }

    public static int sizeOfString(String value, boolean compact) {
        if (value == null) {
            return compact ? 1 : 2;
        }
        int len = utf8Length(value);
        return (compact ? sizeOfCompactLength(len) : 2) + len;
    }

    /**
     * The number of bytes {@code s} takes in UTF-8 as Netty writes it (an unpaired surrogate becomes one
     * {@code '?'} byte), computed without allocating, so that length prefixes match the bytes written.
     */
    public static int utf8Length(CharSequence s) {
        return ByteBufUtil.utf8Bytes(s);
    }

    // ---------------------------------------------------------------- bytes

    /** Reads a byte array (int32 or compact length); null for the null marker. Copies. */
    public static byte[] readBytes(ByteBuf in, boolean compact) {
        int len = compact ? readCompactLength(in) : readInt(in);
        if (len == -1) {
            return null;
        }
        checkLength(in, len, "bytes");
        byte[] data = new byte[len];
        in.readBytes(data);
        return data;
    }

    public static void writeBytes(ByteBuf out, byte[] value, boolean compact) {
        if (value == null) {
            if (compact) {
                writeUnsignedVarint(out, 0);
            } else {
                out.writeInt(-1);
            }
            return;
        }
        if (compact) {
            writeCompactLength(out, value.length);
        } else {
            out.writeInt(value.length);
        }
        out.writeBytes(value);
    }

    public static int sizeOfBytes(byte[] value, boolean compact) {
        if (value == null) {
            return compact ? 1 : 4;
        }
        return (compact ? sizeOfCompactLength(value.length) : 4) + value.length;
    }

    /**
     * Reads a {@code records} field as a retained slice of {@code in} (no copy); null for the null marker. The
     * caller owns the returned buffer and must release it.
     */
    public static ByteBuf readRecords(ByteBuf in, boolean compact) {
        int len = compact ? readCompactLength(in) : readInt(in);
        if (len == -1) {
            return null;
        }
        checkLength(in, len, "records");
        return in.readRetainedSlice(len);
    }

    /**
     * Writes a {@code records} field, leaving the indices of {@code records} alone. Into a
     * {@link RecordsGatheringBuf} the bytes are not copied: a retained slice of {@code records} is placed after what
     * was written so far. Elsewhere they are copied.
     */
    public static void writeRecords(ByteBuf out, ByteBuf records, boolean compact) {
        if (records == null) {
            if (compact) {
                writeUnsignedVarint(out, 0);
            } else {
                out.writeInt(-1);
            }
            return;
        }
        int len = records.readableBytes();
        if (compact) {
            writeCompactLength(out, len);
        } else {
            out.writeInt(len);
        }
        if (out instanceof RecordsGatheringBuf gathering) {
            gathering.gather(records, records.readerIndex(), len);
        } else {
            out.writeBytes(records, records.readerIndex(), len);
        }
    }

    public static int sizeOfRecords(ByteBuf records, boolean compact) {
        if (records == null) {
            return compact ? 1 : 4;
        }
        int len = records.readableBytes();
        return (compact ? sizeOfCompactLength(len) : 4) + len;
    }

    // ---------------------------------------------------------------- fixed width

    public static byte readByte(ByteBuf in) {
        return readByteChecked(in);
    }

    public static boolean readBoolean(ByteBuf in) {
        return readByteChecked(in) != 0;
    }

    public static short readShort(ByteBuf in) {
        need(in, 2);
        return in.readShort();
    }

    public static int readUnsignedShort(ByteBuf in) {
        need(in, 2);
        return in.readUnsignedShort();
    }

    public static int readInt(ByteBuf in) {
        need(in, 4);
        return in.readInt();
    }

    public static long readUnsignedInt(ByteBuf in) {
        need(in, 4);
        return in.readUnsignedInt();
    }

    public static long readLong(ByteBuf in) {
        need(in, 8);
        return in.readLong();
    }

    public static double readDouble(ByteBuf in) {
        need(in, 8);
        return in.readDouble();
    }

    public static UUID readUuid(ByteBuf in) {
        need(in, 16);
        return new UUID(in.readLong(), in.readLong());
    }

    public static void writeUuid(ByteBuf out, UUID value) {
        out.writeLong(value.getMostSignificantBits());
        out.writeLong(value.getLeastSignificantBits());
    }

    /** Kafka's all-zero UUID, the default for uuid fields. */
    public static final UUID ZERO_UUID = new UUID(0L, 0L);

    // ---------------------------------------------------------------- tagged fields

    /** Reads the data of one tagged field whose tag the reader does not know. */
    public static RawTaggedField readRawTaggedField(ByteBuf in, int tag, int size) {
        checkLength(in, size, "tagged field " + tag);
        byte[] data = new byte[size];
        in.readBytes(data);
        return new RawTaggedField(tag, data);
    }

    /** Writes a list of unknown tagged fields' tag, size and data (not the count). */
    public static void writeRawTaggedFields(ByteBuf out, List<RawTaggedField> fields) {
        for (RawTaggedField f : fields) {
            writeUnsignedVarint(out, f.tag());
            writeUnsignedVarint(out, f.data().length);
            out.writeBytes(f.data());
        }
    }

    public static int sizeOfRawTaggedFields(List<RawTaggedField> fields) {
        int size = 0;
        for (RawTaggedField f : fields) {
            size += sizeOfUnsignedVarint(f.tag()) + sizeOfUnsignedVarint(f.data().length) + f.data().length;
        }
        return size;
    }

    /** Adds to a possibly-null, growing list: generated readers allocate the unknown-field list only if needed. */
    public static List<RawTaggedField> addUnknown(List<RawTaggedField> list, RawTaggedField field) {
        List<RawTaggedField> l = list == null ? new ArrayList<>(2) : list;
        l.add(field);
        return l;
    }

    // ---------------------------------------------------------------- checks

    private static byte readByteChecked(ByteBuf in) {
        need(in, 1);
        return in.readByte();
    }

    private static void need(ByteBuf in, int n) {
        if (in.readableBytes() < n) {
            throw new MalformedMessageException("needed " + n + " more bytes, " + in.readableBytes() + " left");
        }
    }

    private static void checkLength(ByteBuf in, int len, String what) {
        if (len < 0) {
            throw new MalformedMessageException("negative " + what + " length " + len);
        }
        if (len > in.readableBytes()) {
            throw new MalformedMessageException(what + " length " + len + " exceeds the " + in.readableBytes()
                    + " bytes left");
        }
    }
}
