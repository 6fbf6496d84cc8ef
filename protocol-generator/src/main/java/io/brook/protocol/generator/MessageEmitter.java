package io.brook.protocol.generator;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Emits the Java file of one request or response class (with its nested struct classes). Stateless. */
final class MessageEmitter {
    static final String PACKAGE = "io.brook.protocol.message";

    /** Candidate imports: added only when the body uses the simple name. */
    private static final Map<String, String> IMPORTS = new LinkedHashMap<>();

    static {
        IMPORTS.put("UnsupportedVersionException", "io.brook.common.errors.UnsupportedVersionException");
        IMPORTS.put("ApiKey", "io.brook.protocol.ApiKey");
        IMPORTS.put("ApiMessage", "io.brook.protocol.ApiMessage");
        IMPORTS.put("CodecSupport", "io.brook.protocol.CodecSupport");
        IMPORTS.put("Releasable", "io.brook.protocol.Releasable");
        IMPORTS.put("MalformedMessageException", "io.brook.protocol.wire.MalformedMessageException");
        IMPORTS.put("RawTaggedField", "io.brook.protocol.wire.RawTaggedField");
        IMPORTS.put("WireFormat", "io.brook.protocol.wire.WireFormat");
        IMPORTS.put("ByteBuf", "io.netty.buffer.ByteBuf");
        IMPORTS.put("ArrayList", "java.util.ArrayList");
        IMPORTS.put("Arrays", "java.util.Arrays");
        IMPORTS.put("Collections", "java.util.Collections");
        IMPORTS.put("List", "java.util.List");
        IMPORTS.put("Objects", "java.util.Objects");
        IMPORTS.put("UUID", "java.util.UUID");
    }

    private MessageEmitter() {}

    static String emit(ApiSpec api, MessageSpec message) {
        Set<String> withDefault = new HashSet<>();
        collectStructDefaults(message.root(), withDefault);
        for (StructSpec s : message.structs().values()) {
            collectStructDefaults(s, withDefault);
        }
        JavaWriter w = new JavaWriter();
        String name = message.className();
        String kind = message.request() ? "request" : "response";
        w.javadoc("The " + api.name() + " " + kind + " (API key " + api.header().key() + ", versions "
                + api.header().versions() + ", flexible " + api.header().flexible() + ").\n\n"
                + "<p>Generated from " + api.file().getFileName() + " by brook-protocol-generator; do not edit."
                + " Immutable and thread-safe" + (message.hasRecords() ? ", except that the owner must call"
                + " {@link #release()} once to free the records buffers." : "."));
        w.open("public final class " + name + " implements ApiMessage" + (message.hasRecords() ? ", Releasable" : ""));
        new StructEmitter(message, message.root(), withDefault).emitMembers(w);
        for (StructSpec s : message.structs().values()) {
            w.blank();
            w.javadoc("Struct " + s.name() + " of the " + api.name() + " " + kind + ".");
            w.open("public static final class " + s.name());
            new StructEmitter(message, s, withDefault).emitMembers(w);
            w.close();
        }
        w.close();
        return header(w.toString());
    }

    private static void collectStructDefaults(StructSpec s, Set<String> out) {
        for (FieldSpec f : s.fields()) {
            if (f.type().isStruct() && !f.defaultIsNull()) {
                out.add(f.type().structName());
            }
        }
    }

    /** Package line and the imports the body uses. */
    static String header(String body) {
        StringBuilder sb = new StringBuilder("package " + PACKAGE + ";\n\n");
        boolean any = false;
        for (Map.Entry<String, String> e : IMPORTS.entrySet()) {
            if (Pattern.compile("\\b" + e.getKey() + "\\b").matcher(body).find()) {
                sb.append("import ").append(e.getValue()).append(";\n");
                any = true;
            }
        }
        if (any) {
            sb.append('\n');
        }
        return sb.append(body).toString();
    }
}
