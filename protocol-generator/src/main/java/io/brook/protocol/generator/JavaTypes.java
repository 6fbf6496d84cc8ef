package io.brook.protocol.generator;

import java.math.BigInteger;
import java.util.UUID;

/** Java types and code fragments for schema types: declarations, defaults, and wire read/write/size. Stateless. */
final class JavaTypes {
    private JavaTypes() {}

    static String javaType(FieldType t) {
        return switch (t.kind()) {
            case BOOL -> "boolean";
            case INT8 -> "byte";
            case INT16 -> "short";
            case UINT16, INT32 -> "int";
            case UINT32, INT64 -> "long";
            case FLOAT64 -> "double";
            case STRING -> "String";
            case BYTES -> "byte[]";
            case UUID -> "UUID";
            case RECORDS -> "ByteBuf";
            case STRUCT -> t.structName();
            case ARRAY -> "List<" + boxed(t.element()) + ">";
        };
    }

    static String boxed(FieldType t) {
        return switch (t.kind()) {
            case BOOL -> "Boolean";
            case INT8 -> "Byte";
            case INT16 -> "Short";
            case UINT16, INT32 -> "Integer";
            case UINT32, INT64 -> "Long";
            case FLOAT64 -> "Double";
            default -> javaType(t);
        };
    }

    /** Fixed wire width in bytes, or -1 for variable-size types. */
    static int fixedSize(FieldType t) {
        return switch (t.kind()) {
            case BOOL, INT8 -> 1;
            case INT16, UINT16 -> 2;
            case INT32, UINT32 -> 4;
            case INT64, FLOAT64 -> 8;
            case UUID -> 16;
            default -> -1;
        };
    }

    static boolean isPrimitive(FieldType t) {
        return fixedSize(t) > 0 && t.kind() != FieldType.Kind.UUID;
    }

    /** The Java expression of a field's default value. */
    static String defaultValue(FieldSpec f) {
        if (f.defaultIsNull()) {
            return "null";
        }
        String v = f.defaultValue();
        FieldType t = f.type();
        return switch (t.kind()) {
            case BOOL -> v == null ? "false" : v;
            case INT8 -> v == null ? "(byte) 0" : "(byte) " + integer(v);
            case INT16 -> v == null ? "(short) 0" : "(short) " + integer(v);
            case UINT16, INT32 -> v == null ? "0" : integer(v);
            case UINT32, INT64 -> (v == null ? "0" : integer(v)) + "L";
            case FLOAT64 -> v == null ? "0.0" : Double.toString(Double.parseDouble(v));
            case STRING -> v == null ? "\"\"" : Names.javaString(v);
            case BYTES -> "CodecSupport.EMPTY_BYTES";
            case UUID -> v == null ? "WireFormat.ZERO_UUID" : uuidLiteral(v);
            case ARRAY -> "List.of()";
            case STRUCT -> t.structName() + ".DEFAULT";
            case RECORDS -> "null";
        };
    }

    private static String integer(String v) {
        BigInteger value = SchemaValidator.parseInteger(v);
        return value.toString();
    }

    private static String uuidLiteral(String v) {
        UUID u = UUID.fromString(v);
        return "new UUID(" + u.getMostSignificantBits() + "L, " + u.getLeastSignificantBits() + "L)";
    }

    /** A boolean expression: whether {@code value} (an expression of the field's type) equals its default. */
    static String isDefault(FieldSpec f, String value) {
        FieldType t = f.type();
        if (f.defaultIsNull()) {
            return value + " == null";
        }
        String d = defaultValue(f);
        return switch (t.kind()) {
            case BOOL -> d.equals("true") ? value : "!" + value;
            case INT8, INT16, UINT16, INT32, UINT32, INT64 -> value + " == " + d;
            case FLOAT64 -> "Double.compare(" + value + ", " + d + ") == 0";
            case STRING -> d.equals("\"\"") ? "\"\".equals(" + value + ")" : d + ".equals(" + value + ")";
            case BYTES -> "(" + value + " != null && " + value + ".length == 0)";
            case ARRAY -> "(" + value + " != null && " + value + ".isEmpty())";
            case UUID, STRUCT -> d + ".equals(" + value + ")";
            case RECORDS -> value + " == null";
        };
    }

    /** A statement writing {@code value} (not null unless the type encodes null itself). */
    static String write(FieldType t, String value) {
        return switch (t.kind()) {
            case BOOL -> "out.writeBoolean(" + value + ");";
            case INT8 -> "out.writeByte(" + value + ");";
            case INT16, UINT16 -> "out.writeShort(" + value + ");";
            case INT32 -> "out.writeInt(" + value + ");";
            case UINT32 -> "out.writeInt((int) " + value + ");";
            case INT64 -> "out.writeLong(" + value + ");";
            case FLOAT64 -> "out.writeDouble(" + value + ");";
            case STRING -> "WireFormat.writeString(out, " + value + ", flexible);";
            case BYTES -> "WireFormat.writeBytes(out, " + value + ", flexible);";
            case UUID -> "WireFormat.writeUuid(out, " + value + ");";
            case RECORDS -> "WireFormat.writeRecords(out, " + value + ", flexible);";
            case STRUCT -> value + ".write(out, version);";
            case ARRAY -> throw new IllegalArgumentException("arrays are written by the emitter");
        };
    }

    /** An expression reading one value of the type (struct: its read method). */
    static String read(FieldType t) {
        return switch (t.kind()) {
            case BOOL -> "WireFormat.readBoolean(in)";
            case INT8 -> "WireFormat.readByte(in)";
            case INT16 -> "WireFormat.readShort(in)";
            case UINT16 -> "WireFormat.readUnsignedShort(in)";
            case INT32 -> "WireFormat.readInt(in)";
            case UINT32 -> "WireFormat.readUnsignedInt(in)";
            case INT64 -> "WireFormat.readLong(in)";
            case FLOAT64 -> "WireFormat.readDouble(in)";
            case STRING -> "WireFormat.readString(in, flexible)";
            case BYTES -> "WireFormat.readBytes(in, flexible)";
            case UUID -> "WireFormat.readUuid(in)";
            case RECORDS -> "WireFormat.readRecords(in, flexible)";
            case STRUCT -> t.structName() + ".read(in, version)";
            case ARRAY -> throw new IllegalArgumentException("arrays are read by the emitter");
        };
    }

    /** An int expression: the encoded size of {@code value} (variable-size, non-array types only). */
    static String size(FieldType t, String value) {
        return switch (t.kind()) {
            case STRING -> "WireFormat.sizeOfString(" + value + ", flexible)";
            case BYTES -> "WireFormat.sizeOfBytes(" + value + ", flexible)";
            case RECORDS -> "WireFormat.sizeOfRecords(" + value + ", flexible)";
            case STRUCT -> value + ".size(version)";
            default -> {
                int fixed = fixedSize(t);
                if (fixed < 0) {
                    throw new IllegalArgumentException("no size expression for " + t);
                }
                yield Integer.toString(fixed);
            }
        };
    }

    /** A boolean expression: whether {@code value} differs from the field's default. */
    static String notDefault(FieldSpec f, String value) {
        FieldType t = f.type();
        if (f.defaultIsNull()) {
            return value + " != null";
        }
        String d = defaultValue(f);
        return switch (t.kind()) {
            case BOOL -> d.equals("true") ? "!" + value : value;
            case INT8, INT16, UINT16, INT32, UINT32, INT64 -> value + " != " + d;
            case FLOAT64 -> "Double.compare(" + value + ", " + d + ") != 0";
            case BYTES -> "(" + value + " == null || " + value + ".length != 0)";
            case ARRAY -> "(" + value + " == null || !" + value + ".isEmpty())";
            default -> "!" + isDefault(f, value);
        };
    }

    /** The expression toString() shows for a field value. */
    static String toStringValue(FieldType t, String value) {
        return switch (t.kind()) {
            case STRING -> "CodecSupport.quote(" + value + ")";
            case BYTES -> "CodecSupport.bytesToString(" + value + ")";
            case RECORDS -> "CodecSupport.recordsToString(" + value + ")";
            default -> value;
        };
    }

    /** An int expression: hashCode of a value, without boxing primitives. */
    static String hash(FieldType t, String value) {
        return switch (t.kind()) {
            case BOOL -> "Boolean.hashCode(" + value + ")";
            case INT8 -> "Byte.hashCode(" + value + ")";
            case INT16 -> "Short.hashCode(" + value + ")";
            case UINT16, INT32 -> "Integer.hashCode(" + value + ")";
            case UINT32, INT64 -> "Long.hashCode(" + value + ")";
            case FLOAT64 -> "Double.hashCode(" + value + ")";
            case BYTES -> "Arrays.hashCode(" + value + ")";
            default -> "Objects.hashCode(" + value + ")";
        };
    }

    /** A boolean expression: whether two values of the type are equal. */
    static String equal(FieldType t, String a, String b) {
        return switch (t.kind()) {
            case BOOL, INT8, INT16, UINT16, INT32, UINT32, INT64 -> a + " == " + b;
            case FLOAT64 -> "Double.compare(" + a + ", " + b + ") == 0";
            case BYTES -> "Arrays.equals(" + a + ", " + b + ")";
            default -> "Objects.equals(" + a + ", " + b + ")";
        };
    }
}
