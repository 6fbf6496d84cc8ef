package io.brook.protocol.generator;

import java.util.List;

/** Emits the {@code io.brook.protocol.ApiKey} enum: one constant per API, sorted by key. Stateless. */
final class ApiKeyEmitter {
    /** The API whose responses always use response header v0, so that any client can read them. */
    static final String API_VERSIONS = "ApiVersions";

    private ApiKeyEmitter() {}

    static String emit(List<ApiSpec> apis) {
        JavaWriter w = new JavaWriter();
        w.line("package io.brook.protocol;");
        w.blank();
        for (ApiSpec api : apis) {
            w.line("import " + MessageEmitter.PACKAGE + "." + api.request().className() + ";");
            w.line("import " + MessageEmitter.PACKAGE + "." + api.response().className() + ";");
        }
        w.line("import io.netty.buffer.ByteBuf;");
        w.blank();
        w.javadoc("The Kafka APIs Brook speaks, with the versions it supports.\n\n"
                + "<p>Generated from the schema files by brook-protocol-generator; do not edit.");
        w.open("public enum ApiKey");
        for (int i = 0; i < apis.size(); i++) {
            MessageSpec.ApiHeader h = apis.get(i).header();
            SchemaVersions flex = h.flexible().intersect(SchemaVersions.ALL);
            w.line(apis.get(i).constantName() + "((short) " + h.key() + ", \"" + h.name() + "\", (short) "
                    + h.versions().lowest() + ", (short) " + h.versions().highest() + ", (short) "
                    + (flex.isEmpty() ? -1 : flex.lowest()) + ", (short) " + (flex.isEmpty() ? -1 : flex.highest())
                    + ")" + (i == apis.size() - 1 ? ";" : ","));
        }
        w.blank();
        w.line("private final short id;");
        w.line("private final String apiName;");
        w.line("private final short lowestVersion;");
        w.line("private final short highestVersion;");
        w.line("/** First and last flexible version; -1 when the API has none. */");
        w.line("private final short lowestFlexible;");
        w.line("private final short highestFlexible;");
        w.blank();
        w.open("ApiKey(short id, String apiName, short lowestVersion, short highestVersion, short lowestFlexible,"
                + " short highestFlexible)");
        for (String f : List.of("id", "apiName", "lowestVersion", "highestVersion", "lowestFlexible",
                "highestFlexible")) {
            w.line("this." + f + " = " + f + ";");
        }
        w.close();
        getter(w, "short", "id", "The API key on the wire.");
        getter(w, "String", "apiName", "The API name, as in the schema file: {@code Metadata}.");
        getter(w, "short", "lowestVersion", "The lowest version Brook supports.");
        getter(w, "short", "highestVersion", "The highest version Brook supports.");
        emitVersionMethods(w, apis);
        dispatch(w, apis, "readRequest", true);
        dispatch(w, apis, "readResponse", false);
        emitForId(w, apis);
        w.close();
        return w.toString();
    }

    private static void emitVersionMethods(JavaWriter w, List<ApiSpec> apis) {
        w.blank();
        w.javadoc("Whether {@code version} uses compact encodings and tagged fields.");
        w.open("public boolean isFlexible(short version)");
        w.line("return lowestFlexible >= 0 && version >= lowestFlexible && version <= highestFlexible;");
        w.close();
        w.blank();
        w.javadoc("The request header version for a request at {@code version}: 2 when flexible, else 1.");
        w.open("public short requestHeaderVersion(short version)");
        w.line("return isFlexible(version) ? (short) 2 : (short) 1;");
        w.close();
        w.blank();
        w.javadoc("The response header version for a response at {@code version}: 1 when flexible, else 0.\n"
                + "ApiVersions responses always use v0, so that a client can read the error code of a request\n"
                + "version the broker does not know.");
        w.open("public short responseHeaderVersion(short version)");
        boolean hasApiVersions = apis.stream().anyMatch(a -> a.name().equals(API_VERSIONS));
        if (hasApiVersions) {
            w.open("if (this == " + Names.upperSnake(API_VERSIONS) + ")");
            w.line("return 0;");
            w.close();
        }
        w.line("return isFlexible(version) ? (short) 1 : (short) 0;");
        w.close();
    }

    private static void emitForId(JavaWriter w, List<ApiSpec> apis) {
        w.blank();
        w.javadoc("The API with key {@code id}, or null when Brook does not know it.");
        w.open("public static ApiKey forId(short id)");
        w.open("return switch (id)");
        for (ApiSpec api : apis) {
            w.line("case " + api.header().key() + " -> " + api.constantName() + ";");
        }
        w.line("default -> null;");
        w.dedent();
        w.line("};");
        w.close();
    }

    private static void getter(JavaWriter w, String type, String name, String doc) {
        w.blank();
        w.javadoc(doc);
        w.open("public " + type + " " + name + "()");
        w.line("return " + name + ";");
        w.close();
    }

    private static void dispatch(JavaWriter w, List<ApiSpec> apis, String method, boolean request) {
        w.blank();
        w.javadoc("Decodes a " + (request ? "request" : "response") + " body of this API at {@code version}.");
        w.open("public ApiMessage " + method + "(ByteBuf in, short version)");
        w.open("return switch (this)");
        for (ApiSpec api : apis) {
            MessageSpec m = request ? api.request() : api.response();
            w.line("case " + api.constantName() + " -> " + m.className() + ".read(in, version);");
        }
        w.dedent();
        w.line("};");
        w.close();
    }
}
