package io.brook.protocol.generator;

import java.util.Map;

/**
 * A request or response of an API: its top-level struct and every named struct it uses. Immutable.
 *
 * @param api the API this message belongs to (name, key, versions; set once the API is parsed)
 * @param request true for the request, false for the response
 * @param root the top-level struct, named {@code <Api>Request} or {@code <Api>Response}
 * @param structs nested structs by name, in definition order
 */
public record MessageSpec(ApiHeader api, boolean request, StructSpec root, Map<String, StructSpec> structs) {
    public MessageSpec {
        structs = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(structs));
    }

    public String className() {
        return root.name();
    }

    /** Whether a {@code records} field occurs anywhere in the message (then it implements Releasable). */
    public boolean hasRecords() {
        return containsRecords(root, new java.util.HashSet<>());
    }

    /** Whether {@code struct} holds {@code records} directly or through nested structs. */
    public boolean containsRecords(StructSpec struct, java.util.Set<String> seen) {
        for (FieldSpec f : struct.fields()) {
            FieldType t = f.type().isArray() ? f.type().element() : f.type();
            if (t.kind() == FieldType.Kind.RECORDS) {
                return true;
            }
            if (t.isStruct() && seen.add(t.structName()) && containsRecords(structs.get(t.structName()), seen)) {
                return true;
            }
        }
        return false;
    }

    /** The name, key and version ranges from the {@code api} line. */
    public record ApiHeader(String name, short key, SchemaVersions versions, SchemaVersions flexible) {}
}
