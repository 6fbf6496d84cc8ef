package io.brook.protocol.generator;

import java.util.List;

/**
 * Emits test sources: per API a {@code <Api>Samples} class that builds, for any version, a message with a
 * non-default value in every field that version carries, and {@code MessageSamples}, the index the round-trip
 * tests iterate. Variant 0 fills every field; variant 1 sets nullable non-array fields to null; variant 2 sets
 * nullable arrays to null. Stateless.
 */
final class SampleEmitter {
    static final int VARIANTS = 3;

    private SampleEmitter() {}

    static String className(ApiSpec api) {
        return api.name() + "Samples";
    }

    static String emitIndex(List<ApiSpec> apis) {
        JavaWriter w = new JavaWriter();
        w.javadoc("Sample messages for every API, version and direction, for round-trip tests.\n\n"
                + "<p>Generated from the schema files by brook-protocol-generator; do not edit.");
        w.open("public final class MessageSamples");
        w.javadoc("Variant 0: every field set; 1: nullable non-array fields null; 2: nullable arrays null.");
        w.line("public static final int VARIANTS = " + VARIANTS + ";");
        w.blank();
        w.javadoc("A message that writing at {@code version} must reject: a non-ignorable field the version lacks.");
        w.line("public record NonIgnorableCase(String description, ApiMessage message, short version) {}");
        w.blank();
        w.line("private MessageSamples() {}");
        w.blank();
        w.open("public static ApiMessage sample(ApiKey key, boolean request, short version, int variant)");
        w.open("return switch (key)");
        for (ApiSpec api : apis) {
            String c = className(api);
            w.line("case " + api.constantName() + " -> request ? " + c + ".request(version, variant) : " + c
                    + ".response(version, variant);");
        }
        w.dedent();
        w.line("};");
        w.close();
        w.blank();
        w.open("public static List<NonIgnorableCase> nonIgnorableCases()");
        w.line("List<NonIgnorableCase> cases = new ArrayList<>();");
        for (ApiSpec api : apis) {
            w.line(className(api) + ".addNonIgnorableCases(cases);");
        }
        w.line("return cases;");
        w.close();
        w.close();
        return MessageEmitter.header(w.toString());
    }

    static String emitApiSamples(ApiSpec api) {
        JavaWriter w = new JavaWriter();
        w.javadoc("Sample " + api.name() + " messages for round-trip tests. Generated; do not edit.");
        w.open("final class " + className(api));
        w.line("private " + className(api) + "() {}");
        for (MessageSpec m : List.of(api.request(), api.response())) {
            emitStructSample(w, api, m, m.root());
            for (StructSpec s : m.structs().values()) {
                emitStructSample(w, api, m, s);
            }
        }
        emitNonIgnorable(w, api);
        w.close();
        String body = w.toString();
        String header = MessageEmitter.header(body);
        return body.contains("Unpooled")
                ? header.replaceFirst("\n\n", "\n\nimport io.netty.buffer.Unpooled;\n") : header;
    }

    private static String prefix(MessageSpec m) {
        return m.request() ? "request" : "response";
    }

    private static String methodName(MessageSpec m, StructSpec s) {
        return s == m.root() ? prefix(m) : prefix(m) + s.name();
    }

    private static String javaName(MessageSpec m, StructSpec s) {
        return s == m.root() ? s.name() : m.className() + "." + s.name();
    }

    private static void emitStructSample(JavaWriter w, ApiSpec api, MessageSpec m, StructSpec s) {
        SchemaVersions ctx = api.header().versions();
        String type = javaName(m, s);
        w.blank();
        w.open((s == m.root() ? "static " : "private static ") + type + " " + methodName(m, s)
                + "(short version, int variant)");
        w.line(type + ".Builder b = " + type + ".builder();");
        int k = 0;
        for (FieldSpec f : s.fields()) {
            k++;
            String c = f.versions().condition("version", ctx);
            if (c.equals("false")) {
                continue;
            }
            if (!c.equals("true")) {
                w.open("if (" + c + ")");
            }
            String value = sampleValue(m, f, k, "version", "variant");
            String nc = f.nullable().condition("version", ctx);
            if (!nc.equals("false")) {
                int variant = f.type().isArray() ? 2 : 1;
                w.open("if (variant == " + variant + (nc.equals("true") ? "" : " && " + nc) + ")");
                w.line("b." + f.name() + "(null);");
                w.reopen("else");
                w.line("b." + f.name() + "(" + value + ");");
                w.close();
            } else {
                w.line("b." + f.name() + "(" + value + ");");
            }
            if (!c.equals("true")) {
                w.close();
            }
        }
        w.line("return b.build();");
        w.close();
    }

    /** A non-default value for field {@code f}; {@code k} varies values between fields. */
    static String sampleValue(MessageSpec m, FieldSpec f, int k, String version, String variant) {
        FieldType t = f.type();
        if (t.isArray()) {
            FieldType e = t.element();
            if (e.isStruct()) {
                String call = prefix(m) + e.structName() + "(" + version + ", " + variant + ")";
                return "List.of(" + call + ", " + call + ")";
            }
            return "List.of(" + scalar(e, k, null) + ", " + scalar(e, k + 1, null) + ")";
        }
        if (t.isStruct()) {
            return prefix(m) + t.structName() + "(" + version + ", " + variant + ")";
        }
        return scalar(t, k, f);
    }

    /** A literal of a scalar type, different from {@code f}'s default when f is given. */
    private static String scalar(FieldType t, int k, FieldSpec f) {
        String d = f == null ? null : JavaTypes.defaultValue(f);
        String v = scalarCandidate(t, k);
        if (v.equals(d)) {
            v = scalarCandidate(t, k + 1);
        }
        return v;
    }

    private static String scalarCandidate(FieldType t, int k) {
        return switch (t.kind()) {
            case BOOL -> k % 2 == 0 ? "false" : "true";
            case INT8 -> "(byte) " + (k % 2 == 0 ? 7 + k : -(7 + k));
            case INT16 -> "(short) " + (k % 2 == 0 ? 300 + k : -(300 + k));
            case UINT16 -> Integer.toString(65000 - k);
            case INT32 -> Integer.toString(k % 2 == 0 ? 100000 + k : -(100000 + k));
            case UINT32 -> (4000000000L + k) + "L";
            case INT64 -> (k % 2 == 0 ? (1L << 40) + k : -((1L << 40) + k)) + "L";
            case FLOAT64 -> (1.5 + k) + "";
            case STRING -> Names.javaString("s" + k + "-\u00e9");
            case BYTES -> "new byte[] {1, 2, 3, " + k + "}";
            case UUID -> "new UUID(" + (k + 1) + "L, 0x5a5aL)";
            case RECORDS -> "Unpooled.wrappedBuffer(new byte[] {9, 8, 7, " + k + "})";
            default -> throw new IllegalArgumentException("not a scalar: " + t);
        };
    }

    /** A case per non-ignorable top-level field and API version that lacks it. */
    private static void emitNonIgnorable(JavaWriter w, ApiSpec api) {
        SchemaVersions ctx = api.header().versions();
        w.blank();
        w.open("static void addNonIgnorableCases(List<MessageSamples.NonIgnorableCase> cases)");
        w.line("short highest = " + ctx.highest() + ";");
        for (MessageSpec m : List.of(api.request(), api.response())) {
            int k = 0;
            for (FieldSpec f : m.root().fields()) {
                k++;
                if (f.ignorable()) {
                    continue;
                }
                for (int v = ctx.lowest(); v <= ctx.highest(); v++) {
                    if (f.versions().contains(v)) {
                        continue;
                    }
                    String value = sampleValue(m, f, k, "highest", "0");
                    w.line("cases.add(new MessageSamples.NonIgnorableCase(\"" + m.className() + "." + f.name()
                            + " at v" + v + "\",");
                    w.line("        " + prefix(m) + "((short) " + v + ", 0).toBuilder()." + f.name() + "(" + value
                            + ").build(), (short) " + v + "));");
                }
            }
        }
        w.close();
    }
}
