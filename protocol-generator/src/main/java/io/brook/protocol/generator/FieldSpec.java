package io.brook.protocol.generator;

/**
 * One field of a struct, as written in a schema file. Immutable.
 *
 * @param name lowerCamelCase field name (also the Java accessor name)
 * @param type the field's type
 * @param versions the versions that carry the field (tagged versions for a tagged field)
 * @param nullable the versions in which the field may be null on the wire
 * @param defaultValue the {@code default=} text, or null when absent
 * @param defaultQuoted whether {@code default=} was a double-quoted string
 * @param tag the tag of a tagged field, or -1
 * @param ignorable whether writing at a version without the field may silently drop a non-default value
 * @param line the schema line that defines it
 */
public record FieldSpec(String name, FieldType type, SchemaVersions versions, SchemaVersions nullable,
                        String defaultValue, boolean defaultQuoted, int tag, boolean ignorable, int line) {

    public boolean isTagged() {
        return tag >= 0;
    }

    /** Whether the Java value may ever be null: nullable in some version, or a {@code records} field. */
    public boolean mayBeNull() {
        return !nullable.isEmpty() || type.kind() == FieldType.Kind.RECORDS;
    }

    /** Whether the default value is null (explicit {@code default=null}, or any {@code records} field). */
    public boolean defaultIsNull() {
        return (defaultValue != null && !defaultQuoted && defaultValue.equals("null"))
                || type.kind() == FieldType.Kind.RECORDS;
    }

    /** UpperCamelCase form of the name, for method names such as {@code sampleFoo}. */
    public String capitalized() {
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }
}
