package io.brook.protocol.generator;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Checks the rules of docs/PROTOCOL-SCHEMA.md that the grammar alone does not enforce. Stateless. */
final class SchemaValidator {
    /** Names the generated code uses for its own methods; a field with one of them would not compile. */
    private static final Set<String> RESERVED_FIELD_NAMES = Set.of("builder", "toBuilder", "build", "write",
            "read", "size", "equals", "hashCode", "toString", "unknownTaggedFields", "release",
            "getClass", "wait", "notify", "notifyAll", "clone", "finalize", "isDefault");

    /** Simple names the generated files use; a struct named so would shadow them. */
    private static final Set<String> RESERVED_TYPE_NAMES = Set.of("Builder", "String", "Object", "Integer", "Long",
            "Short", "Byte", "Boolean", "Double", "Override", "List", "ArrayList", "Arrays", "Objects",
            "Collections", "UUID", "ByteBuf", "WireFormat", "RawTaggedField", "ApiKey", "ApiMessage", "Releasable",
            "UnsupportedVersionException", "MalformedMessageException", "Math", "System", "Character", "Class",
            "Iterable", "Exception", "RuntimeException", "Void", "Number", "Enum", "Deprecated", "Record",
            "SuppressWarnings", "CodecSupport");

    private static final Set<String> JAVA_KEYWORDS = Set.of("abstract", "assert", "boolean", "break", "byte",
            "case", "catch", "char", "class", "const", "continue", "default", "do", "double", "else", "enum",
            "extends", "final", "finally", "float", "for", "goto", "if", "implements", "import", "instanceof", "int",
            "interface", "long", "native", "new", "package", "private", "protected", "public", "return", "short",
            "static", "strictfp", "super", "switch", "synchronized", "this", "throw", "throws", "transient", "try",
            "void", "volatile", "while", "true", "false", "null", "var", "record", "yield", "sealed", "permits");

    private SchemaValidator() {}

    static void validate(ApiSpec api) {
        for (MessageSpec m : List.of(api.request(), api.response())) {
            validateMessage(api, m);
        }
    }

    private static void validateMessage(ApiSpec api, MessageSpec m) {
        Path file = api.file();
        Set<String> used = new HashSet<>();
        validateStruct(api, m, m.root(), used);
        for (StructSpec s : m.structs().values()) {
            if (RESERVED_TYPE_NAMES.contains(s.name()) || s.name().equals(m.className())
                    || s.name().equals(api.header().name() + "Request")
                    || s.name().equals(api.header().name() + "Response")) {
                throw SchemaException.at(file, s.line(), "struct name " + s.name()
                        + " clashes with a name the generated code uses; rename the struct");
            }
            validateStruct(api, m, s, used);
        }
        for (StructSpec s : m.structs().values()) {
            if (!used.contains(s.name())) {
                throw SchemaException.at(file, s.line(), "struct " + s.name() + " is defined but never used");
            }
        }
        checkNoCycle(api, m, m.root(), new HashSet<>());
    }

    private static void validateStruct(ApiSpec api, MessageSpec m, StructSpec s, Set<String> used) {
        Path file = api.file();
        SchemaVersions apiVersions = api.header().versions();
        SchemaVersions flexible = api.header().flexible();
        Map<String, Integer> names = new HashMap<>();
        Map<Integer, Integer> tags = new HashMap<>();
        for (FieldSpec f : s.fields()) {
            int line = f.line();
            if (!FieldType.isIdentifier(f.name()) || !Character.isLowerCase(f.name().charAt(0))) {
                throw SchemaException.at(file, line, "field name '" + f.name() + "' must be lowerCamelCase");
            }
            boolean topLevelName = s == m.root() && f.name().equals("apiKey");
            if (JAVA_KEYWORDS.contains(f.name()) || RESERVED_FIELD_NAMES.contains(f.name()) || topLevelName) {
                throw SchemaException.at(file, line, "field name '" + f.name()
                        + "' is a Java keyword or a generated method name; rename it");
            }
            Integer previous = names.putIfAbsent(f.name(), line);
            if (previous != null) {
                throw SchemaException.at(file, line, "field " + f.name() + " is already defined at line " + previous);
            }
            String structName = f.type().structNameDeep();
            if (structName != null) {
                if (!m.structs().containsKey(structName)) {
                    throw SchemaException.at(file, line, "unknown struct type " + structName
                            + " (define it inline with '{ ... }' or as 'struct " + structName + " { ... }')");
                }
                used.add(structName);
            }
            if (f.versions().intersect(apiVersions).isEmpty()) {
                throw SchemaException.at(file, line, "field " + f.name() + " versions=" + f.versions()
                        + " lie outside the API's versions " + apiVersions + "; drop the field");
            }
            if (!f.nullable().isEmpty() && !f.type().canBeNullable()) {
                throw SchemaException.at(file, line, "field " + f.name() + " of type " + f.type()
                        + " cannot be nullable (only string, bytes, records, arrays and structs can)");
            }
            if (f.isTagged()) {
                if (!flexible.contains(f.versions().intersect(apiVersions))) {
                    throw SchemaException.at(file, line, "tagged field " + f.name() + " versions=" + f.versions()
                            + " must lie inside the flexible versions " + flexible);
                }
                Integer other = tags.putIfAbsent(f.tag(), line);
                if (other != null) {
                    throw SchemaException.at(file, line, "tag " + f.tag() + " is already used at line " + other);
                }
            }
            if (f.type().kind() == FieldType.Kind.RECORDS
                    && !f.nullable().contains(f.versions().intersect(apiVersions))) {
                throw SchemaException.at(file, line, "records field " + f.name()
                        + " must be nullable in all its versions (nullable=" + f.versions() + ")");
            }
            if (f.isTagged() && f.type().kind() == FieldType.Kind.RECORDS) {
                throw SchemaException.at(file, line, "records fields cannot be tagged");
            }
            validateDefault(api, f);
        }
    }

    private static void validateDefault(ApiSpec api, FieldSpec f) {
        Path file = api.file();
        String v = f.defaultValue();
        if (v == null) {
            return;
        }
        int line = f.line();
        if (!f.defaultQuoted() && v.equals("null")) {
            SchemaVersions carried = f.versions().intersect(api.header().versions());
            if (!f.nullable().contains(carried)) {
                throw SchemaException.at(file, line, "default=null needs nullable= to cover every version of "
                        + f.name() + " (" + carried + ")");
            }
            return;
        }
        FieldType.Kind kind = f.type().kind();
        switch (kind) {
            case BOOL -> {
                if (f.defaultQuoted() || !(v.equals("true") || v.equals("false"))) {
                    throw SchemaException.at(file, line, "a bool default must be true or false, not " + v);
                }
            }
            case INT8 -> checkInteger(file, line, f, v, Byte.MIN_VALUE, Byte.MAX_VALUE);
            case INT16 -> checkInteger(file, line, f, v, Short.MIN_VALUE, Short.MAX_VALUE);
            case UINT16 -> checkInteger(file, line, f, v, 0, 0xffff);
            case INT32 -> checkInteger(file, line, f, v, Integer.MIN_VALUE, Integer.MAX_VALUE);
            case UINT32 -> checkInteger(file, line, f, v, 0, 0xffffffffL);
            case INT64 -> checkInteger(file, line, f, v, Long.MIN_VALUE, Long.MAX_VALUE);
            case FLOAT64 -> {
                try {
                    Double.parseDouble(v);
                } catch (NumberFormatException e) {
                    throw SchemaException.at(file, line, "default=" + v + " is not a float64");
                }
            }
            case STRING -> {
                if (!f.defaultQuoted()) {
                    throw SchemaException.at(file, line, "a string default must be quoted: default=\"" + v + "\"");
                }
            }
            case UUID -> {
                try {
                    if (!f.defaultQuoted()) {
                        throw new IllegalArgumentException();
                    }
                    java.util.UUID.fromString(v);
                } catch (IllegalArgumentException e) {
                    throw SchemaException.at(file, line, "a uuid default must be a quoted UUID string");
                }
            }
            default -> throw SchemaException.at(file, line, "a field of type " + f.type()
                    + " takes no default= other than null");
        }
    }

    private static void checkInteger(Path file, int line, FieldSpec f, String v, long min, long max) {
        if (f.defaultQuoted()) {
            throw SchemaException.at(file, line, "a numeric default must not be quoted");
        }
        BigInteger value;
        try {
            value = parseInteger(v);
        } catch (NumberFormatException e) {
            throw SchemaException.at(file, line, "default=" + v + " is not an integer");
        }
        if (value.compareTo(BigInteger.valueOf(min)) < 0 || value.compareTo(BigInteger.valueOf(max)) > 0) {
            throw SchemaException.at(file, line, "default=" + v + " is outside the " + f.type() + " range "
                    + min + ".." + max);
        }
    }

    /** Decimal or {@code 0x} hexadecimal, optionally negative. */
    static BigInteger parseInteger(String v) {
        boolean negative = v.startsWith("-");
        String digits = negative ? v.substring(1) : v;
        BigInteger value = digits.startsWith("0x") || digits.startsWith("0X")
                ? new BigInteger(digits.substring(2), 16) : new BigInteger(digits);
        return negative ? value.negate() : value;
    }

    /** A struct that contains itself through non-nullable fields would have no finite default value. */
    private static void checkNoCycle(ApiSpec api, MessageSpec m, StructSpec s, Set<String> path) {
        for (FieldSpec f : s.fields()) {
            if (f.type().isStruct()) {
                String name = f.type().structName();
                if (!path.add(name)) {
                    throw SchemaException.at(api.file(), f.line(), "struct " + name + " contains itself");
                }
                checkNoCycle(api, m, m.structs().get(name), path);
                path.remove(name);
            }
        }
    }
}
