package io.brook.protocol;

import io.brook.common.errors.UnsupportedVersionException;
import io.brook.protocol.wire.MalformedMessageException;
import io.brook.protocol.wire.RawTaggedField;
import io.brook.protocol.wire.WireFormat;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

/**
 * Helpers the generated message classes call: error construction, list copies, unknown tagged fields and
 * toString formatting. Kept out of the generated code so that each message class stays short. Stateless.
 */
public final class CodecSupport {
    /** The default of a non-nullable {@code bytes} field; never mutated. */
    public static final byte[] EMPTY_BYTES = new byte[0];

    private CodecSupport() {}

    // ---------------------------------------------------------------- errors

    /** The version lies outside the range a message supports. */
    public static UnsupportedVersionException unsupportedVersion(String message, short version, short lowest,
                                                                 short highest) {
        return new UnsupportedVersionException(message + " does not support version " + version
                + " (supported: " + lowest + "-" + highest + ")");
    }

    /** A non-ignorable field holds a non-default value that {@code version} cannot carry. */
    public static UnsupportedVersionException unsupportedField(String struct, String field, short version) {
        return new UnsupportedVersionException(struct + "." + field + " holds a non-default value, which version "
                + version + " cannot carry");
    }

    /** A field is null at a version where it is not nullable. */
    public static UnsupportedVersionException nullNotAllowed(String struct, String field, short version) {
        return new UnsupportedVersionException(struct + "." + field + " is null, which version " + version
                + " cannot encode");
    }

    /** The input holds the null marker for a field that is not nullable at this version. */
    public static MalformedMessageException unexpectedNull(String struct, String field, short version) {
        return new MalformedMessageException(struct + "." + field + " is null in the input, but it is not nullable"
                + " at version " + version);
    }

    /** A known tagged field's declared size differs from what its value took. */
    public static void checkTaggedFieldSize(String struct, int tag, int declared, int consumed) {
        if (declared != consumed) {
            throw new MalformedMessageException(struct + " tagged field " + tag + " declares " + declared
                    + " bytes but its value took " + consumed);
        }
    }

    // ---------------------------------------------------------------- construction checks

    public static <T> T requireNonNull(T value, String struct, String field) {
        if (value == null) {
            throw new NullPointerException(struct + "." + field + " must not be null");
        }
        return value;
    }

    /** An unmodifiable copy of {@code list} (null stays null); elements must not be null. */
    public static <T> List<T> copyList(List<T> list, String struct, String field) {
        if (list == null) {
            return null;
        }
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i) == null) {
                throw new NullPointerException(struct + "." + field + " element " + i + " is null");
            }
        }
        return List.copyOf(list);
    }

    public static int checkUint16(int value, String struct, String field) {
        if (value < 0 || value > 0xffff) {
            throw new IllegalArgumentException(struct + "." + field + " = " + value + " is outside uint16 (0-65535)");
        }
        return value;
    }

    public static long checkUint32(long value, String struct, String field) {
        if (value < 0 || value > 0xffffffffL) {
            throw new IllegalArgumentException(struct + "." + field + " = " + value
                    + " is outside uint32 (0-4294967295)");
        }
        return value;
    }

    public static List<Integer> checkUint16List(List<Integer> values, String struct, String field) {
        if (values != null) {
            for (int v : values) {
                checkUint16(v, struct, field);
            }
        }
        return values;
    }

    public static List<Long> checkUint32List(List<Long> values, String struct, String field) {
        if (values != null) {
            for (long v : values) {
                checkUint32(v, struct, field);
            }
        }
        return values;
    }

    // ---------------------------------------------------------------- records

    /**
     * Reads a {@code records} field as a plain (not retained) slice of {@code in}; null for the null marker.
     * Generated readers retain every slice once the whole message has parsed, so that a parse failure part way
     * leaks nothing.
     */
    public static ByteBuf readRecordsSlice(ByteBuf in, boolean compact) {
        int length = compact ? WireFormat.readCompactLength(in) : WireFormat.readInt(in);
        if (length == -1) {
            return null;
        }
        if (length < 0 || length > in.readableBytes()) {
            throw new MalformedMessageException("records length " + length + " with " + in.readableBytes()
                    + " bytes left");
        }
        return in.readSlice(length);
    }

    // ---------------------------------------------------------------- unknown tagged fields

    /** Which tags a struct knows at a version; generated structs pass a static method reference. */
    @FunctionalInterface
    public interface KnownTags {
        boolean isKnown(int tag, short version);
    }

    private static final Comparator<RawTaggedField> BY_TAG = Comparator.comparingInt(RawTaggedField::tag);

    /** Takes ownership of a list filled by a reader (null: none) and returns it sorted by tag, unmodifiable. */
    public static List<RawTaggedField> ownTaggedFields(List<RawTaggedField> list) {
        if (list == null || list.isEmpty()) {
            return List.of();
        }
        if (!isSorted(list)) {
            list.sort(BY_TAG);
        }
        return Collections.unmodifiableList(list);
    }

    /** A sorted unmodifiable copy of a caller's list (null: none). */
    public static List<RawTaggedField> copyTaggedFields(List<RawTaggedField> list) {
        if (list == null || list.isEmpty()) {
            return List.of();
        }
        if (isSorted(list)) {
            return List.copyOf(list);
        }
        List<RawTaggedField> sorted = new ArrayList<>(list);
        sorted.sort(BY_TAG);
        return Collections.unmodifiableList(sorted);
    }

    private static boolean isSorted(List<RawTaggedField> list) {
        for (int i = 1; i < list.size(); i++) {
            if (list.get(i - 1).tag() > list.get(i).tag()) {
                return false;
            }
        }
        return true;
    }

    /**
     * The number of unknown fields written at {@code version}: an unknown field whose tag the struct knows at
     * that version is dropped, because the typed field speaks for that tag.
     */
    public static int countUnknownTaggedFields(List<RawTaggedField> unknown, short version, KnownTags known) {
        int count = 0;
        for (int i = 0; i < unknown.size(); i++) {
            if (!known.isKnown(unknown.get(i).tag(), version)) {
                count++;
            }
        }
        return count;
    }

    /** The encoded size of the unknown fields written at {@code version} (see {@link #countUnknownTaggedFields}). */
    public static int sizeOfUnknownTaggedFields(List<RawTaggedField> unknown, short version, KnownTags known) {
        int size = 0;
        for (int i = 0; i < unknown.size(); i++) {
            RawTaggedField f = unknown.get(i);
            if (!known.isKnown(f.tag(), version)) {
                int length = f.data().length;
                size += WireFormat.sizeOfUnsignedVarint(f.tag()) + WireFormat.sizeOfUnsignedVarint(length) + length;
            }
        }
        return size;
    }

    /**
     * Writes the unknown fields from index {@code from} whose tag is below {@code belowTag}, so that they merge
     * in ascending order with the known ones; returns the index of the first field not yet written.
     */
    public static int writeUnknownTaggedFields(ByteBuf out, List<RawTaggedField> unknown, int from, int belowTag,
                                               short version, KnownTags known) {
        int i = from;
        for (; i < unknown.size() && unknown.get(i).tag() < belowTag; i++) {
            RawTaggedField f = unknown.get(i);
            if (!known.isKnown(f.tag(), version)) {
                WireFormat.writeUnsignedVarint(out, f.tag());
                WireFormat.writeUnsignedVarint(out, f.data().length);
                out.writeBytes(f.data());
            }
        }
        return i;
    }

    // ---------------------------------------------------------------- toString

    /** {@code 'text'}, or {@code null}. */
    public static String quote(String s) {
        return s == null ? "null" : "'" + s + "'";
    }

    /** The size of a byte array rather than its content: payloads can be large or binary. */
    public static String bytesToString(byte[] b) {
        return b == null ? "null" : "bytes[" + b.length + "]";
    }

    public static String recordsToString(ByteBuf records) {
        return records == null ? "null" : "records[" + records.readableBytes() + " bytes]";
    }
}
