package io.brook.protocol.generator;

import io.brook.protocol.generator.SchemaLexer.Line;
import io.brook.protocol.generator.SchemaLexer.Token;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parses errors.schema: one error per line, {@code <code> <NAME> retriable|fatal <ExceptionClass>|- "message"}.
 * Stateless.
 */
public final class ErrorsParser {
    /** Hand-written base classes in io.brook.common.errors that a generated exception must not replace. */
    private static final Set<String> HAND_WRITTEN = Set.of("ApiException", "RetriableException", "BrookException");

    private ErrorsParser() {}

    /** Parses and checks the file; the result is sorted by code. */
    public static List<ErrorSpec> parse(Path file, String text) {
        List<ErrorSpec> errors = new ArrayList<>();
        Map<Short, Integer> codes = new HashMap<>();
        Map<String, Integer> names = new HashMap<>();
        Map<String, Integer> classes = new HashMap<>();
        for (Line line : SchemaLexer.lex(file, text)) {
            ErrorSpec e = parseLine(file, line);
            unique(file, line, codes, e.code(), "code " + e.code());
            unique(file, line, names, e.name(), "name " + e.name());
            if (e.exceptionClass() != null) {
                unique(file, line, classes, e.exceptionClass(), "exception class " + e.exceptionClass()
                        + " (each code needs a class of its own)");
            }
            errors.add(e);
        }
        for (String required : List.of("NONE", "UNKNOWN_SERVER_ERROR", "UNSUPPORTED_VERSION")) {
            if (!names.containsKey(required)) {
                throw SchemaException.at(file, 0, "errors.schema must define " + required
                        + " (the generated code uses it)");
            }
        }
        errors.sort((a, b) -> Short.compare(a.code(), b.code()));
        return errors;
    }

    private static <K> void unique(Path file, Line line, Map<K, Integer> seen, K key, String what) {
        Integer previous = seen.putIfAbsent(key, line.number());
        if (previous != null) {
            throw SchemaException.at(file, line.number(), what + " is already used at line " + previous);
        }
    }

    private static ErrorSpec parseLine(Path file, Line line) {
        List<Token> t = line.tokens();
        if (t.size() != 5 || t.get(4).quoted() == null || !t.get(4).text().startsWith("\"")) {
            throw SchemaException.at(file, line.number(),
                    "expected '<code> <NAME> retriable|fatal <ExceptionClass>|- \"message\"'");
        }
        short code;
        try {
            code = Short.parseShort(t.get(0).text());
        } catch (NumberFormatException e) {
            throw SchemaException.at(file, line.number(), "error code '" + t.get(0).text() + "' is not an int16");
        }
        String name = t.get(1).text();
        if (!name.matches("[A-Z][A-Z0-9_]*")) {
            throw SchemaException.at(file, line.number(), "error name '" + name + "' must be UPPER_SNAKE_CASE");
        }
        String kind = t.get(2).text();
        if (!kind.equals("retriable") && !kind.equals("fatal")) {
            throw SchemaException.at(file, line.number(), "expected retriable or fatal, found '" + kind + "'");
        }
        String cls = t.get(3).text();
        if (cls.equals("-")) {
            if (code != 0) {
                throw SchemaException.at(file, line.number(), "only NONE (0) may have no exception class ('-')");
            }
            cls = null;
        } else if (!FieldType.isIdentifier(cls) || !Character.isUpperCase(cls.charAt(0))) {
            throw SchemaException.at(file, line.number(), "exception class '" + cls + "' is not a Java class name");
        } else if (HAND_WRITTEN.contains(cls)) {
            throw SchemaException.at(file, line.number(), cls + " is a hand-written base class; name a subclass");
        }
        if (code == 0 && cls != null) {
            throw SchemaException.at(file, line.number(), "NONE (0) takes '-' as its exception class");
        }
        return new ErrorSpec(code, name, kind.equals("retriable"), cls, t.get(4).quoted(), line.number());
    }
}
