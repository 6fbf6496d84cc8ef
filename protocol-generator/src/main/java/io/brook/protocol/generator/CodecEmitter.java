package io.brook.protocol.generator;

import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;

/**
 * Emits the wire methods of one struct class: {@code write}, {@code read}, {@code size}, the tagged-field section,
 * array helpers and (with records) {@code release}/{@code retainRecords}. Stateless apart from its inputs.
 */
final class CodecEmitter {
    private final MessageSpec message;
    private final StructSpec struct;
    private final boolean topLevel;
    private final SchemaVersions context;
    /** The versions in which tagged fields can occur: the tagged-field methods only run in these. */
    private final SchemaVersions taggedContext;
    private final String flexibleCondition;
    private final List<FieldSpec> regular;
    private final List<FieldSpec> tagged;

    CodecEmitter(MessageSpec message, StructSpec struct) {
        this.message = message;
        this.struct = struct;
        this.topLevel = struct == message.root();
        this.context = message.api().versions();
        this.taggedContext = context.intersect(message.api().flexible());
        this.flexibleCondition = message.api().flexible().condition("version", context);
        this.regular = struct.fields().stream().filter(f -> !f.isTagged()).toList();
        this.tagged = struct.fields().stream().filter(FieldSpec::isTagged)
                .sorted(Comparator.comparingInt(FieldSpec::tag)).toList();
    }

    private boolean mayBeFlexible() {
        return !flexibleCondition.equals("false");
    }

    private String cond(SchemaVersions r) {
        return r.condition("version", context);
    }

    /** Like {@link #cond}, inside the tagged-field methods, which run only in flexible versions. */
    private String taggedCond(SchemaVersions r) {
        return r.condition("version", taggedContext);
    }

    private static String self(FieldSpec f) {
        return "this." + f.name();
    }

    private String structLiteral() {
        return Names.javaString(struct.name());
    }

    void emit(JavaWriter w) {
        emitWrite(w);
        emitRead(w);
        emitSize(w);
        for (FieldSpec f : struct.fields()) {
            if (f.type().isArray()) {
                emitArrayReader(w, f);
            }
        }
        if (mayBeFlexible()) {
            if (!tagged.isEmpty()) {
                emitKnownTags(w);
                emitWriteTagged(w);
                emitSizeOfTagged(w);
                for (FieldSpec f : tagged) {
                    emitTaggedValueSize(w, f);
                }
            }
            emitReadTagged(w);
        }
        if (message.containsRecords(struct, new java.util.HashSet<>())) {
            emitRecordsWalk(w, "release");
            emitRecordsWalk(w, "retain");
        }
    }

    // ---------------------------------------------------------------- write

    private void emitWrite(JavaWriter w) {
        w.blank();
        if (topLevel) {
            w.line("@Override");
            w.open("public void write(ByteBuf out, short version)");
            w.line("checkVersion(version);");
        } else {
            w.open("private void write(ByteBuf out, short version)");
        }
        w.line("boolean flexible = " + flexibleCondition + ";");
        for (FieldSpec f : regular) {
            String c = cond(f.versions());
            if (c.equals("true")) {
                emitWriteValue(w, f);
                continue;
            }
            if (!c.equals("false")) {
                w.open("if (" + c + ")");
                emitWriteValue(w, f);
                if (f.ignorable()) {
                    w.close();
                } else {
                    w.reopen("else if (" + JavaTypes.notDefault(f, self(f)) + ")");
                    emitUnsupportedField(w, f);
                    w.close();
                }
            } else if (!f.ignorable()) {
                w.open("if (" + JavaTypes.notDefault(f, self(f)) + ")");
                emitUnsupportedField(w, f);
                w.close();
            }
        }
        for (FieldSpec f : tagged) {
            if (!f.ignorable() && !cond(f.versions()).equals("true")) {
                w.open("if (!(" + cond(f.versions()) + ") && " + JavaTypes.notDefault(f, self(f)) + ")");
                emitUnsupportedField(w, f);
                w.close();
            }
        }
        if (mayBeFlexible()) {
            if (flexibleCondition.equals("true")) {
                emitWriteTaggedCall(w);
            } else {
                w.open("if (flexible)");
                emitWriteTaggedCall(w);
                w.close();
            }
        }
        w.close();
    }

    private void emitWriteTaggedCall(JavaWriter w) {
        if (tagged.isEmpty()) {
            w.line("WireFormat.writeUnsignedVarint(out, this.unknownTaggedFields.size());");
            w.line("WireFormat.writeRawTaggedFields(out, this.unknownTaggedFields);");
        } else {
            w.line("writeTaggedFields(out, version);");
        }
    }

    private void emitUnsupportedField(JavaWriter w, FieldSpec f) {
        w.line("throw CodecSupport.unsupportedField(" + structLiteral() + ", \"" + f.name() + "\", version);");
    }

    /** Writes one field known to be present at the version. */
    private void emitWriteValue(JavaWriter w, FieldSpec f) {
        emitNullCheckForWrite(w, f);
        FieldType t = f.type();
        String v = self(f);
        if (t.isArray()) {
            boolean nullable = f.mayBeNull();
            if (nullable) {
                w.open("if (" + v + " == null)");
                w.line("WireFormat.writeArrayLength(out, -1, flexible);");
                w.reopen("else");
            }
            w.line("WireFormat.writeArrayLength(out, " + v + ".size(), flexible);");
            w.open("for (int i = 0; i < " + v + ".size(); i++)");
            FieldType e = t.element();
            if (e.isStruct()) {
                w.line(v + ".get(i).write(out, version);");
            } else {
                w.line(JavaTypes.javaType(e) + " element = " + v + ".get(i);");
                w.line(JavaTypes.write(e, "element"));
            }
            w.close();
            if (nullable) {
                w.close();
            }
        } else if (t.isStruct() && f.mayBeNull()) {
            w.open("if (" + v + " == null)");
            w.line("out.writeByte(-1);");
            w.reopen("else");
            w.line("out.writeByte(1);");
            w.line(JavaTypes.write(t, v));
            w.close();
        } else {
            w.line(JavaTypes.write(t, v));
        }
    }

    /** A value null at a version where the field is not nullable cannot be encoded. */
    private void emitNullCheckForWrite(JavaWriter w, FieldSpec f) {
        if (!f.mayBeNull() || f.nullable().contains(f.versions().intersect(context))) {
            return;
        }
        String nc = cond(f.nullable());
        String check = nc.equals("false") ? self(f) + " == null" : self(f) + " == null && !(" + nc + ")";
        w.open("if (" + check + ")");
        w.line("throw CodecSupport.nullNotAllowed(" + structLiteral() + ", \"" + f.name() + "\", version);");
        w.close();
    }

    private void emitKnownTags(JavaWriter w) {
        w.blank();
        w.javadoc("Whether {@code tag} belongs to one of this struct's own tagged fields at {@code version}.");
        w.open("private static boolean isKnownTag(int tag, short version)");
        w.open("return switch (tag)");
        for (FieldSpec f : tagged) {
            w.line("case " + f.tag() + " -> " + taggedCond(f.versions()) + ";");
        }
        w.line("default -> false;");
        w.dedent();
        w.line("};");
        w.close();
    }

    private String taggedPresent(FieldSpec f) {
        String c = taggedCond(f.versions());
        String nd = JavaTypes.notDefault(f, self(f));
        return c.equals("true") ? nd : c + " && " + nd;
    }

    private void emitWriteTagged(JavaWriter w) {
        String known = struct.name() + "::isKnownTag";
        w.blank();
        w.javadoc("Writes the tagged fields in ascending tag order, merging in the unknown ones.");
        w.open("private void writeTaggedFields(ByteBuf out, short version)");
        w.line("boolean flexible = true; // tagged fields exist only in flexible versions");
        w.line("List<RawTaggedField> unknown = this.unknownTaggedFields;");
        w.line("int count = CodecSupport.countUnknownTaggedFields(unknown, version, " + known + ");");
        for (FieldSpec f : tagged) {
            w.open("if (" + taggedPresent(f) + ")");
            w.line("count++;");
            w.close();
        }
        w.line("WireFormat.writeUnsignedVarint(out, count);");
        w.line("int next = 0;");
        for (FieldSpec f : tagged) {
            w.open("if (" + taggedPresent(f) + ")");
            w.line("next = CodecSupport.writeUnknownTaggedFields(out, unknown, next, " + f.tag() + ", version, "
                    + known + ");");
            w.line("WireFormat.writeUnsignedVarint(out, " + f.tag() + ");");
            w.line("WireFormat.writeUnsignedVarint(out, sizeOf" + f.capitalized() + "(version));");
            emitWriteValue(w, f);
            w.close();
        }
        w.line("CodecSupport.writeUnknownTaggedFields(out, unknown, next, Integer.MAX_VALUE, version, " + known
                + ");");
        w.close();
    }

    // ---------------------------------------------------------------- size

    private void emitSize(JavaWriter w) {
        w.blank();
        if (topLevel) {
            w.line("@Override");
            w.open("public int size(short version)");
            w.line("checkVersion(version);");
        } else {
            w.open("private int size(short version)");
        }
        w.line("boolean flexible = " + flexibleCondition + ";");
        w.line("int size = 0;");
        forEachPresentField(w, f -> emitSizeValue(w, f));
        if (mayBeFlexible()) {
            String add = tagged.isEmpty()
                    ? "size += WireFormat.sizeOfUnsignedVarint(this.unknownTaggedFields.size())"
                    + " + WireFormat.sizeOfRawTaggedFields(this.unknownTaggedFields);"
                    : "size += sizeOfTaggedFields(version);";
            if (flexibleCondition.equals("true")) {
                w.line(add);
            } else {
                w.open("if (flexible)");
                w.line(add);
                w.close();
            }
        }
        w.line("return size;");
        w.close();
    }

    /**
     * Emits {@code body} for each regular (untagged) field, guarded by the versions that carry it; fields no
     * supported version carries are skipped. Shared by size and read, whose guards are the same.
     */
    private void forEachPresentField(JavaWriter w, Consumer<FieldSpec> body) {
        for (FieldSpec f : regular) {
            String c = cond(f.versions());
            if (c.equals("false")) {
                continue;
            }
            if (!c.equals("true")) {
                w.open("if (" + c + ")");
            }
            body.accept(f);
            if (!c.equals("true")) {
                w.close();
            }
        }
    }

    /** Adds the encoded size of one present field to the local {@code size}. */
    private void emitSizeValue(JavaWriter w, FieldSpec f) {
        FieldType t = f.type();
        String v = self(f);
        if (t.isArray()) {
            if (f.mayBeNull()) {
                w.open("if (" + v + " == null)");
                w.line("size += WireFormat.sizeOfArrayLength(-1, flexible);");
                w.reopen("else");
            }
            w.line("size += WireFormat.sizeOfArrayLength(" + v + ".size(), flexible);");
            FieldType e = t.element();
            int fixed = JavaTypes.fixedSize(e);
            if (fixed > 0) {
                w.line("size += " + v + ".size() * " + fixed + ";");
            } else {
                w.open("for (int i = 0; i < " + v + ".size(); i++)");
                w.line("size += " + JavaTypes.size(e, v + ".get(i)") + ";");
                w.close();
            }
            if (f.mayBeNull()) {
                w.close();
            }
        } else if (t.isStruct() && f.mayBeNull()) {
            w.line("size += 1;");
            w.open("if (" + v + " != null)");
            w.line("size += " + JavaTypes.size(t, v) + ";");
            w.close();
        } else {
            w.line("size += " + JavaTypes.size(t, v) + ";");
        }
    }

    private void emitSizeOfTagged(JavaWriter w) {
        String known = struct.name() + "::isKnownTag";
        w.blank();
        w.open("private int sizeOfTaggedFields(short version)");
        w.line("List<RawTaggedField> unknown = this.unknownTaggedFields;");
        w.line("int count = CodecSupport.countUnknownTaggedFields(unknown, version, " + known + ");");
        w.line("int size = CodecSupport.sizeOfUnknownTaggedFields(unknown, version, " + known + ");");
        for (FieldSpec f : tagged) {
            w.open("if (" + taggedPresent(f) + ")");
            w.line("count++;");
            w.line("int valueSize = sizeOf" + f.capitalized() + "(version);");
            w.line("size += WireFormat.sizeOfUnsignedVarint(" + f.tag()
                    + ") + WireFormat.sizeOfUnsignedVarint(valueSize) + valueSize;");
            w.close();
        }
        w.line("return WireFormat.sizeOfUnsignedVarint(count) + size;");
        w.close();
    }

    private void emitTaggedValueSize(JavaWriter w, FieldSpec f) {
        w.blank();
        w.javadoc("The encoded size of the tagged field {@code " + f.name() + "}'s value.");
        w.open("private int sizeOf" + f.capitalized() + "(short version)");
        w.line("boolean flexible = true; // tagged fields exist only in flexible versions");
        w.line("int size = 0;");
        emitSizeValue(w, f);
        w.line("return size;");
        w.close();
    }

    // ---------------------------------------------------------------- read

    private void emitRead(JavaWriter w) {
        w.blank();
        if (topLevel) {
            w.javadoc("Decodes a " + struct.name() + " at {@code version} from the reader index of {@code in}.\n"
                    + (message.hasRecords() ? "The records fields are retained slices of {@code in}: call"
                    + " {@link #release()} when done.\n" : "")
                    + "\n@throws UnsupportedVersionException if the version is outside the supported range"
                    + "\n@throws MalformedMessageException if the bytes do not decode");
            w.open("public static " + struct.name() + " read(ByteBuf in, short version)");
            w.line("checkVersion(version);");
        } else {
            w.open("private static " + struct.name() + " read(ByteBuf in, short version)");
        }
        w.line("boolean flexible = " + flexibleCondition + ";");
        w.line("Builder b = new Builder();");
        forEachPresentField(w, f -> emitReadValue(w, f));
        if (mayBeFlexible()) {
            if (flexibleCondition.equals("true")) {
                w.line("readTaggedFields(in, version, b);");
            } else {
                w.open("if (flexible)");
                w.line("readTaggedFields(in, version, b);");
                w.close();
            }
        }
        if (topLevel && message.hasRecords()) {
            w.line(struct.name() + " message = new " + struct.name() + "(b, false);");
            w.line("// Records are plain slices while parsing, so that a parse failure leaks nothing; retain them now.");
            w.line("message.retainRecords();");
            w.line("return message;");
        } else {
            w.line("return new " + struct.name() + "(b, false);");
        }
        w.close();
    }

    /** Reads one present field into {@code b.<name>}. */
    private void emitReadValue(JavaWriter w, FieldSpec f) {
        FieldType t = f.type();
        String target = "b." + f.name();
        switch (t.kind()) {
            case ARRAY -> w.line(target + " = read" + f.capitalized() + "(in, version, flexible);");
            case STRUCT -> {
                if (f.mayBeNull()) {
                    w.line(target + " = WireFormat.readByte(in) < 0 ? null : " + JavaTypes.read(t) + ";");
                    emitNullCheckForRead(w, f, target);
                } else {
                    w.line(target + " = " + JavaTypes.read(t) + ";");
                }
            }
            case RECORDS -> {
                w.line(target + " = CodecSupport.readRecordsSlice(in, flexible);");
                emitNullCheckForRead(w, f, target);
            }
            case STRING, BYTES -> {
                w.line(target + " = " + JavaTypes.read(t) + ";");
                emitNullCheckForRead(w, f, target);
            }
            default -> w.line(target + " = " + JavaTypes.read(t) + ";");
        }
    }

    private void emitNullCheckForRead(JavaWriter w, FieldSpec f, String target) {
        if (f.nullable().contains(f.versions().intersect(context))) {
            return;
        }
        String nc = cond(f.nullable());
        String check = nc.equals("false") ? target + " == null" : target + " == null && !(" + nc + ")";
        w.open("if (" + check + ")");
        w.line("throw CodecSupport.unexpectedNull(" + structLiteral() + ", \"" + f.name() + "\", version);");
        w.close();
    }

    private void emitArrayReader(JavaWriter w, FieldSpec f) {
        FieldType e = f.type().element();
        String listType = JavaTypes.javaType(f.type());
        w.blank();
        w.open("private static " + listType + " read" + f.capitalized() + "(ByteBuf in, short version, boolean flexible)");
        w.line("int count = WireFormat.readArrayLength(in, flexible);");
        w.open("if (count < 0)");
        if (!f.nullable().contains(f.versions().intersect(context))) {
            String nc = cond(f.nullable());
            if (nc.equals("false")) {
                w.line("throw CodecSupport.unexpectedNull(" + structLiteral() + ", \"" + f.name() + "\", version);");
            } else {
                w.open("if (!(" + nc + "))");
                w.line("throw CodecSupport.unexpectedNull(" + structLiteral() + ", \"" + f.name() + "\", version);");
                w.close();
                w.line("return null;");
            }
        } else {
            w.line("return null;");
        }
        w.close();
        w.line(listType + " list = new ArrayList<>(count);");
        w.open("for (int i = 0; i < count; i++)");
        if (e.kind() == FieldType.Kind.STRING || e.kind() == FieldType.Kind.BYTES) {
            w.line(JavaTypes.javaType(e) + " element = " + JavaTypes.read(e) + ";");
            w.open("if (element == null)");
            w.line("throw CodecSupport.unexpectedNull(" + structLiteral() + ", \"" + f.name() + " element\", version);");
            w.close();
            w.line("list.add(element);");
        } else {
            w.line("list.add(" + JavaTypes.read(e) + ");");
        }
        w.close();
        w.line("return Collections.unmodifiableList(list);");
        w.close();
    }

    private void emitReadTagged(JavaWriter w) {
        w.blank();
        w.open("private static void readTaggedFields(ByteBuf in, short version, Builder b)");
        if (!tagged.isEmpty()) {
            w.line("boolean flexible = true; // tagged fields exist only in flexible versions");
        }
        w.line("List<RawTaggedField> unknown = null;");
        w.line("int count = WireFormat.readUnsignedVarint(in);");
        w.open("for (int i = 0; i < count; i++)");
        w.line("int tag = WireFormat.readUnsignedVarint(in);");
        w.line("int size = WireFormat.readUnsignedVarint(in);");
        String keep = "unknown = WireFormat.addUnknown(unknown, WireFormat.readRawTaggedField(in, tag, size));";
        if (tagged.isEmpty()) {
            w.line(keep);
        } else {
            w.open("switch (tag)");
            for (FieldSpec f : tagged) {
                String c = taggedCond(f.versions());
                w.open("case " + f.tag() + " ->");
                if (!c.equals("true")) {
                    w.open("if (" + c + ")");
                }
                w.line("int start = in.readerIndex();");
                emitReadValue(w, f);
                w.line("CodecSupport.checkTaggedFieldSize(" + structLiteral() + ", tag, size, in.readerIndex() - start);");
                if (!c.equals("true")) {
                    w.reopen("else");
                    w.line(keep);
                    w.close();
                }
                w.close();
            }
            w.line("default -> " + keep);
            w.close();
        }
        w.close();
        w.line("b.unknownTaggedFields = CodecSupport.ownTaggedFields(unknown);");
        w.close();
    }

    // ---------------------------------------------------------------- records ownership

    /** {@code release()} (public on the top level) or {@code retainRecords()}: walks every records buffer. */
    private void emitRecordsWalk(JavaWriter w, String op) {
        w.blank();
        String method = op.equals("release") ? (topLevel ? "release" : "releaseRecords") : "retainRecords";
        if (topLevel && op.equals("release")) {
            w.javadoc("Releases this message's reference to every records buffer; only the first call does anything.");
            w.line("@Override");
            w.open("public void release()");
            w.open("if (!released.compareAndSet(false, true))");
            w.line("return;");
            w.close();
        } else {
            w.open("private void " + method + "()");
        }
        String nested = op.equals("release") ? "releaseRecords" : "retainRecords";
        for (FieldSpec f : struct.fields()) {
            FieldType t = f.type();
            FieldType e = t.isArray() ? t.element() : t;
            boolean records = e.kind() == FieldType.Kind.RECORDS;
            boolean holds = e.isStruct()
                    && message.containsRecords(message.structs().get(e.structName()), new java.util.HashSet<>());
            if (!records && !holds) {
                continue;
            }
            String v = self(f);
            String call = records ? op + "()" : nested + "()";
            if (t.isArray()) {
                w.open("if (" + v + " != null)");
                w.open("for (int i = 0; i < " + v + ".size(); i++)");
                w.line(v + ".get(i)." + call + ";");
                w.close();
                w.close();
            } else {
                w.open("if (" + v + " != null)");
                w.line(v + "." + call + ";");
                w.close();
            }
        }
        w.close();
    }
}
