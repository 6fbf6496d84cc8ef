package io.brook.protocol.generator;

import java.util.Set;

/**
 * Emits one class for a struct (the top-level message or a nested struct): fields, constructor, accessors,
 * builder, equals/hashCode/toString, and (through {@link CodecEmitter}) the wire methods. Stateless.
 */
final class StructEmitter {
    private final MessageSpec message;
    private final StructSpec struct;
    private final boolean topLevel;
    private final boolean needsDefault;
    private final SchemaVersions context;

    StructEmitter(MessageSpec message, StructSpec struct, Set<String> structsWithDefault) {
        this.message = message;
        this.struct = struct;
        this.topLevel = struct == message.root();
        this.needsDefault = structsWithDefault.contains(struct.name());
        this.context = message.api().versions();
    }

    /** Emits the class body members (the caller writes the class declaration and nested classes). */
    void emitMembers(JavaWriter w) {
        if (topLevel) {
            SchemaVersions v = message.api().versions();
            w.line("public static final short LOWEST_SUPPORTED_VERSION = " + v.lowest() + ";");
            w.line("public static final short HIGHEST_SUPPORTED_VERSION = " + v.highest() + ";");
            w.blank();
        }
        if (needsDefault) {
            w.javadoc("The value with every field at its default: the default of fields of this type.");
            w.line("private static final " + struct.name() + " DEFAULT = builder().build();");
            w.blank();
        }
        for (FieldSpec f : struct.fields()) {
            w.line("private final " + JavaTypes.javaType(f.type()) + " " + f.name() + ";");
        }
        w.line("private final List<RawTaggedField> unknownTaggedFields;");
        if (topLevel && message.hasRecords()) {
            w.javadoc("Set once by the first {@link #release()}, so that a second one does nothing.");
            w.line("private final java.util.concurrent.atomic.AtomicBoolean released = "
                    + "new java.util.concurrent.atomic.AtomicBoolean();");
        }
        emitConstructor(w);
        w.blank();
        w.line("public static Builder builder() {");
        w.line("    return new Builder();");
        w.line("}");
        w.blank();
        w.javadoc("A builder holding this struct's values, to derive a modified copy.");
        w.open("public Builder toBuilder()");
        w.line("return new Builder(this);");
        w.close();
        emitAccessors(w);
        if (topLevel) {
            w.blank();
            w.line("@Override");
            w.open("public ApiKey apiKey()");
            w.line("return ApiKey." + Names.upperSnake(message.api().name()) + ";");
            w.close();
            w.blank();
            w.open("private static void checkVersion(short version)");
            w.open("if (version < LOWEST_SUPPORTED_VERSION || version > HIGHEST_SUPPORTED_VERSION)");
            w.line("throw CodecSupport.unsupportedVersion(\"" + struct.name()
                    + "\", version, LOWEST_SUPPORTED_VERSION, HIGHEST_SUPPORTED_VERSION);");
            w.close();
            w.close();
        }
        new CodecEmitter(message, struct).emit(w);
        emitEquals(w);
        emitHashCode(w);
        emitToString(w);
        emitBuilder(w);
    }

    private String structLiteral() {
        return Names.javaString(struct.name());
    }

    private void emitConstructor(JavaWriter w) {
        w.blank();
        w.javadoc("@param fromBuilder true to copy and check the builder's values; false for values a reader made");
        w.open("private " + struct.name() + "(Builder b, boolean fromBuilder)");
        for (FieldSpec f : struct.fields()) {
            w.line("this." + f.name() + " = " + constructorValue(f) + ";");
        }
        w.line("this.unknownTaggedFields = fromBuilder"
                + " ? CodecSupport.copyTaggedFields(b.unknownTaggedFields) : b.unknownTaggedFields;");
        w.close();
    }

    private String constructorValue(FieldSpec f) {
        String v = "b." + f.name();
        FieldType t = f.type();
        String checked;
        if (t.isArray()) {
            checked = "CodecSupport.copyList(" + v + ", " + structLiteral() + ", \"" + f.name() + "\")";
            if (t.element().kind() == FieldType.Kind.UINT16) {
                checked = "CodecSupport.checkUint16List(" + checked + ", " + structLiteral() + ", \"" + f.name() + "\")";
            } else if (t.element().kind() == FieldType.Kind.UINT32) {
                checked = "CodecSupport.checkUint32List(" + checked + ", " + structLiteral() + ", \"" + f.name() + "\")";
            }
        } else if (t.kind() == FieldType.Kind.UINT16) {
            checked = "CodecSupport.checkUint16(" + v + ", " + structLiteral() + ", \"" + f.name() + "\")";
        } else if (t.kind() == FieldType.Kind.UINT32) {
            checked = "CodecSupport.checkUint32(" + v + ", " + structLiteral() + ", \"" + f.name() + "\")";
        } else {
            checked = v;
        }
        if (!JavaTypes.isPrimitive(t) && !f.mayBeNull()) {
            checked = "CodecSupport.requireNonNull(" + checked + ", " + structLiteral() + ", \"" + f.name() + "\")";
        }
        return checked.equals(v) ? v : "fromBuilder ? " + checked + " : " + v;
    }

    /** Javadoc text describing a field's versions, nullability, default and flags. */
    private String describe(FieldSpec f) {
        StringBuilder sb = new StringBuilder("Versions ").append(f.versions().intersect(context));
        if (f.isTagged()) {
            sb.append(", tagged field ").append(f.tag());
        }
        if (!f.nullable().isEmpty()) {
            sb.append("; nullable in ").append(f.nullable().intersect(context));
        }
        sb.append("; default ").append(f.defaultIsNull() ? "null" : describeDefault(f));
        if (f.ignorable()) {
            sb.append("; ignorable");
        }
        return sb.append('.').toString();
    }

    private static String describeDefault(FieldSpec f) {
        if (f.defaultValue() != null) {
            return f.defaultQuoted() ? "\"" + f.defaultValue() + "\"" : f.defaultValue();
        }
        return switch (f.type().kind()) {
            case BOOL -> "false";
            case STRING -> "\"\"";
            case BYTES -> "empty";
            case UUID -> "the zero UUID";
            case ARRAY -> "empty list";
            case STRUCT -> "all defaults";
            default -> "0";
        };
    }

    private void emitAccessors(JavaWriter w) {
        for (FieldSpec f : struct.fields()) {
            w.blank();
            w.javadoc(describe(f));
            w.open("public " + JavaTypes.javaType(f.type()) + " " + f.name() + "()");
            w.line("return " + f.name() + ";");
            w.close();
        }
        w.blank();
        w.javadoc("Tagged fields this version of Brook does not know, kept to be written back; empty when none.");
        w.open("public List<RawTaggedField> unknownTaggedFields()");
        w.line("return unknownTaggedFields;");
        w.close();
    }

    private void emitEquals(JavaWriter w) {
        String name = struct.name();
        w.blank();
        w.line("@Override");
        w.open("public boolean equals(Object o)");
        w.open("if (this == o)");
        w.line("return true;");
        w.close();
        w.open("if (!(o instanceof " + name + " other))");
        w.line("return false;");
        w.close();
        StringBuilder sb = new StringBuilder();
        for (FieldSpec f : struct.fields()) {
            sb.append(JavaTypes.equal(f.type(), "this." + f.name(), "other." + f.name())).append('\n');
        }
        sb.append("this.unknownTaggedFields.equals(other.unknownTaggedFields)");
        String[] terms = sb.toString().split("\n");
        w.line("return " + terms[0] + (terms.length == 1 ? ";" : ""));
        for (int i = 1; i < terms.length; i++) {
            w.line("        && " + terms[i] + (i == terms.length - 1 ? ";" : ""));
        }
        w.close();
    }

    private void emitHashCode(JavaWriter w) {
        w.blank();
        w.line("@Override");
        w.open("public int hashCode()");
        w.line("int h = 1;");
        for (FieldSpec f : struct.fields()) {
            w.line("h = 31 * h + " + JavaTypes.hash(f.type(), "this." + f.name()) + ";");
        }
        w.line("h = 31 * h + unknownTaggedFields.hashCode();");
        w.line("return h;");
        w.close();
    }

    private void emitToString(JavaWriter w) {
        w.blank();
        w.line("@Override");
        w.open("public String toString()");
        w.line("return \"" + struct.name() + "(\"");
        String sep = "";
        for (FieldSpec f : struct.fields()) {
            w.line("        + \"" + sep + f.name() + "=\" + " + JavaTypes.toStringValue(f.type(), "this." + f.name()));
            sep = ", ";
        }
        w.line("        + (unknownTaggedFields.isEmpty() ? \"\" : \"" + sep + "unknownTaggedFields=\" + unknownTaggedFields)");
        w.line("        + \")\";");
        w.close();
    }

    private void emitBuilder(JavaWriter w) {
        String name = struct.name();
        w.blank();
        w.javadoc("Collects values for a " + name + "; every field starts at its default. Not thread-safe.");
        w.open("public static final class Builder");
        for (FieldSpec f : struct.fields()) {
            w.line("private " + JavaTypes.javaType(f.type()) + " " + f.name() + " = " + JavaTypes.defaultValue(f) + ";");
        }
        w.line("private List<RawTaggedField> unknownTaggedFields = List.of();");
        w.blank();
        w.line("private Builder() {}");
        w.blank();
        w.open("private Builder(" + name + " from)");
        for (FieldSpec f : struct.fields()) {
            w.line("this." + f.name() + " = from." + f.name() + ";");
        }
        w.line("this.unknownTaggedFields = from.unknownTaggedFields;");
        w.close();
        for (FieldSpec f : struct.fields()) {
            w.blank();
            w.javadoc(describe(f));
            w.open("public Builder " + f.name() + "(" + JavaTypes.javaType(f.type()) + " " + f.name() + ")");
            w.line("this." + f.name() + " = " + f.name() + ";");
            w.line("return this;");
            w.close();
        }
        w.blank();
        w.javadoc("Unknown tagged fields to write back; null means none. Sorted by tag when built.");
        w.open("public Builder unknownTaggedFields(List<RawTaggedField> unknownTaggedFields)");
        w.line("this.unknownTaggedFields = unknownTaggedFields;");
        w.line("return this;");
        w.close();
        w.blank();
        if (topLevel && message.hasRecords()) {
            w.javadoc("The message, holding a reference of its own to every records buffer (each is retained once):"
                    + " release the message when done with it, and the buffers given to the builder independently."
                    + "\n\n@throws NullPointerException if a field that is never nullable is null\n"
                    + "@throws IllegalArgumentException if a uint16/uint32 field is out of range");
            w.open("public " + name + " build()");
            w.line(name + " message = new " + name + "(this, true);");
            w.line("message.retainRecords();");
            w.line("return message;");
        } else {
            w.javadoc("@throws NullPointerException if a field that is never nullable is null\n"
                    + "@throws IllegalArgumentException if a uint16/uint32 field is out of range");
            w.open("public " + name + " build()");
            w.line("return new " + name + "(this, true);");
        }
        w.close();
        w.close();
    }
}
