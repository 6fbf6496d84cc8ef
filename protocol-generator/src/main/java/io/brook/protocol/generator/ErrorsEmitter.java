package io.brook.protocol.generator;

import java.util.List;

/**
 * Emits the {@code io.brook.protocol.Errors} enum and one exception class per error code in
 * {@code io.brook.common.errors}. Stateless.
 */
final class ErrorsEmitter {
    static final String EXCEPTION_PACKAGE = "io.brook.common.errors";

    private ErrorsEmitter() {}

    static String emitEnum(List<ErrorSpec> errors) {
        JavaWriter w = new JavaWriter();
        w.line("package io.brook.protocol;");
        w.blank();
        w.line("import io.brook.common.errors.*;");
        w.blank();
        w.javadoc("Kafka error codes, with the exception each one stands for.\n\n"
                + "<p>Generated from errors.schema by brook-protocol-generator; do not edit.");
        w.open("public enum Errors");
        for (int i = 0; i < errors.size(); i++) {
            ErrorSpec e = errors.get(i);
            w.line(e.name() + "((short) " + e.code() + ", " + e.retriable() + ", " + Names.javaString(e.message()) + ")"
                    + (i == errors.size() - 1 ? ";" : ","));
        }
        w.blank();
        w.line("private final short code;");
        w.line("private final boolean retriable;");
        w.line("private final String defaultMessage;");
        w.blank();
        w.open("Errors(short code, boolean retriable, String defaultMessage)");
        w.line("this.code = code;");
        w.line("this.retriable = retriable;");
        w.line("this.defaultMessage = defaultMessage;");
        w.close();
        emitAccessors(w);
        emitException(w, errors);
        emitForCode(w, errors);
        w.close();
        return w.toString();
    }

    private static void emitAccessors(JavaWriter w) {
        w.blank();
        w.javadoc("The code on the wire.");
        w.open("public short code()");
        w.line("return code;");
        w.close();
        w.blank();
        w.javadoc("Whether the same request may succeed if sent again (after a metadata refresh or a backoff).");
        w.open("public boolean isRetriable()");
        w.line("return retriable;");
        w.close();
        w.blank();
        w.open("public String defaultMessage()");
        w.line("return defaultMessage;");
        w.close();
        w.blank();
        w.javadoc("The typed exception with the default message; null for NONE.");
        w.open("public ApiException exception()");
        w.line("return exception(null);");
        w.close();
    }

    private static void emitException(JavaWriter w, List<ErrorSpec> errors) {
        w.blank();
        w.javadoc("The typed exception with {@code message} (the default message when null); null for NONE.");
        w.open("public ApiException exception(String message)");
        w.line("String m = message == null ? defaultMessage : message;");
        w.open("return switch (this)");
        for (ErrorSpec e : errors) {
            w.line("case " + e.name() + " -> " + (e.exceptionClass() == null ? "null" : "new " + e.exceptionClass() + "(m)")
                    + ";");
        }
        w.dedent();
        w.line("};");
        w.close();
    }

    private static void emitForCode(JavaWriter w, List<ErrorSpec> errors) {
        w.blank();
        w.javadoc("The error with {@code code}; UNKNOWN_SERVER_ERROR for a code this version of Brook does not know.");
        w.open("public static Errors forCode(short code)");
        w.open("return switch (code)");
        for (ErrorSpec e : errors) {
            w.line("case " + e.code() + " -> " + e.name() + ";");
        }
        w.line("default -> UNKNOWN_SERVER_ERROR;");
        w.dedent();
        w.line("};");
        w.close();
    }

    static String emitException(ErrorSpec e) {
        String base = e.retriable() ? "RetriableException" : "ApiException";
        String cls = e.exceptionClass();
        JavaWriter w = new JavaWriter();
        w.line("package " + EXCEPTION_PACKAGE + ";");
        w.blank();
        w.line("import io.brook.protocol.Errors;");
        w.blank();
        w.javadoc("Kafka error " + e.name() + " (code " + e.code() + (e.retriable() ? ", retriable" : "") + "): "
                + escapeJavadoc(e.message()) + "\n\n"
                + "<p>Generated from errors.schema by brook-protocol-generator; do not edit.");
        w.open("public class " + cls + " extends " + base);
        w.open("public " + cls + "()");
        w.line("super(Errors." + e.name() + ", Errors." + e.name() + ".defaultMessage());");
        w.close();
        w.blank();
        w.open("public " + cls + "(String message)");
        w.line("super(Errors." + e.name() + ", message);");
        w.close();
        w.blank();
        w.open("public " + cls + "(String message, Throwable cause)");
        w.line("super(Errors." + e.name() + ", message, cause);");
        w.close();
        w.close();
        return w.toString();
    }

    private static String escapeJavadoc(String s) {
        return s.replace("*/", "*&#47;").replace("<", "&lt;").replace(">", "&gt;").replace("@", "{@literal @}");
    }
}
