package io.brook.protocol.generator;

import java.util.List;

/**
 * A struct: the top-level body of a request or response, or a named nested struct. Immutable.
 *
 * @param name the Java class name (the message class name for the top level)
 * @param fields fields in wire order
 * @param line the schema line that defines it
 */
public record StructSpec(String name, List<FieldSpec> fields, int line) {
    public StructSpec {
        fields = List.copyOf(fields);
    }

    public boolean hasTaggedFields() {
        return fields.stream().anyMatch(FieldSpec::isTagged);
    }
}
