package io.brook.protocol.generator;

/**
 * The type of a schema field: a primitive, a struct (named), or an array of either. Immutable.
 *
 * @param kind what the type is
 * @param element the element type of an array, else null
 * @param structName the struct type name of a struct, else null
 */
public record FieldType(Kind kind, FieldType element, String structName) {
    /** Primitive kinds, STRUCT and ARRAY. */
    public enum Kind {
        BOOL("bool"), INT8("int8"), INT16("int16"), UINT16("uint16"), INT32("int32"), UINT32("uint32"),
        INT64("int64"), FLOAT64("float64"), STRING("string"), BYTES("bytes"), UUID("uuid"), RECORDS("records"),
        STRUCT(null), ARRAY(null);

        final String schemaName;

        Kind(String schemaName) {
            this.schemaName = schemaName;
        }
    }

    public static FieldType primitive(Kind kind) {
        return new FieldType(kind, null, null);
    }

    public static FieldType struct(String name) {
        return new FieldType(Kind.STRUCT, null, name);
    }

    public static FieldType array(FieldType element) {
        return new FieldType(Kind.ARRAY, element, null);
    }

    /** Parses {@code int32}, {@code []string}, {@code SomeStruct}; throws IllegalArgumentException otherwise. */
    public static FieldType parse(String text) {
        if (text.startsWith("[]")) {
            FieldType element = parse(text.substring(2));
            if (element.kind == Kind.ARRAY || element.kind == Kind.RECORDS) {
                throw new IllegalArgumentException("arrays of " + element + " are not supported");
            }
            return array(element);
        }
        for (Kind k : Kind.values()) {
            if (text.equals(k.schemaName)) {
                return primitive(k);
            }
        }
        if (!text.isEmpty() && Character.isUpperCase(text.charAt(0)) && isIdentifier(text)) {
            return struct(text);
        }
        throw new IllegalArgumentException("unknown type '" + text + "': expected bool, int8, int16, uint16, int32,"
                + " uint32, int64, float64, string, bytes, uuid, records, a struct name (UpperCamelCase) or []T");
    }

    static boolean isIdentifier(String s) {
        if (s.isEmpty() || !Character.isJavaIdentifierStart(s.charAt(0))) {
            return false;
        }
        for (int i = 1; i < s.length(); i++) {
            if (!Character.isJavaIdentifierPart(s.charAt(i)) || s.charAt(i) == '$') {
                return false;
            }
        }
        return true;
    }

    public boolean isArray() {
        return kind == Kind.ARRAY;
    }

    public boolean isStruct() {
        return kind == Kind.STRUCT;
    }

    /** Struct or array of structs: the struct name, else null. */
    public String structNameDeep() {
        return kind == Kind.ARRAY ? element.structNameDeep() : structName;
    }

    /** Types whose Java value may be null (and that Kafka lets be nullable on the wire). */
    public boolean canBeNullable() {
        return switch (kind) {
            case STRING, BYTES, RECORDS, ARRAY, STRUCT -> true;
            default -> false;
        };
    }

    @Override
    public String toString() {
        return switch (kind) {
            case ARRAY -> "[]" + element;
            case STRUCT -> structName;
            default -> kind.schemaName;
        };
    }
}
