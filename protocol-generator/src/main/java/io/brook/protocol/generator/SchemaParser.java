package io.brook.protocol.generator;

import io.brook.protocol.generator.SchemaLexer.Line;
import io.brook.protocol.generator.SchemaLexer.Token;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses one API schema file (format: docs/PROTOCOL-SCHEMA.md) into an {@link ApiSpec}, then checks it with
 * {@link SchemaValidator}. Every error names the file and line. Not thread-safe: one instance per file.
 */
public final class SchemaParser {
    private final Path file;
    private final List<Line> lines;
    private int pos;
    private MessageSpec.ApiHeader header;

    private SchemaParser(Path file, String text) {
        this.file = file;
        this.lines = SchemaLexer.lex(file, text);
    }

    /** Parses and validates {@code text}, the content of {@code file} (used in error messages). */
    public static ApiSpec parse(Path file, String text) {
        return new SchemaParser(file, text).parseFile();
    }

    private ApiSpec parseFile() {
        if (lines.isEmpty()) {
            throw SchemaException.at(file, 0, "empty schema file: expected an 'api' line");
        }
        header = parseApiLine(lines.get(pos++));
        MessageSpec request = null;
        MessageSpec response = null;
        while (pos < lines.size()) {
            Line line = lines.get(pos++);
            List<Token> t = line.tokens();
            boolean isBlock = t.size() == 2 && t.get(1).is("{");
            if (isBlock && t.get(0).is("request")) {
                if (request != null) {
                    throw error(line, "a second 'request' block");
                }
                request = parseMessage(line, true);
            } else if (isBlock && t.get(0).is("response")) {
                if (response != null) {
                    throw error(line, "a second 'response' block");
                }
                response = parseMessage(line, false);
            } else {
                throw error(line, "expected 'request {' or 'response {', found '" + text(line) + "'");
            }
        }
        if (request == null || response == null) {
            throw SchemaException.at(file, 0, "missing " + (request == null ? "'request'" : "'response'") + " block");
        }
        ApiSpec api = new ApiSpec(header, request, response, file);
        SchemaValidator.validate(api);
        return api;
    }

    private MessageSpec.ApiHeader parseApiLine(Line line) {
        List<Token> t = line.tokens();
        if (!t.get(0).is("api") || t.size() < 2) {
            throw error(line, "the first line must be 'api <Name> key=<n> versions=<range> flexible=<range|none>'");
        }
        String name = t.get(1).text();
        if (!FieldType.isIdentifier(name) || !Character.isUpperCase(name.charAt(0))) {
            throw error(line, "API name '" + name + "' must be an UpperCamelCase identifier");
        }
        Map<String, String> attrs = new LinkedHashMap<>();
        for (Token tok : t.subList(2, t.size())) {
            int eq = tok.text().indexOf('=');
            if (eq <= 0 || tok.quoted() != null) {
                throw error(line, "expected key=, versions= or flexible=, found '" + tok.text() + "'");
            }
            String key = tok.text().substring(0, eq);
            if (!List.of("key", "versions", "flexible").contains(key)) {
                throw error(line, "unknown api attribute '" + key + "' (allowed: key, versions, flexible)");
            }
            if (attrs.put(key, tok.text().substring(eq + 1)) != null) {
                throw error(line, "api attribute '" + key + "' given twice");
            }
        }
        for (String required : List.of("key", "versions", "flexible")) {
            if (!attrs.containsKey(required)) {
                throw error(line, "the api line lacks " + required + "=");
            }
        }
        short key;
        try {
            key = Short.parseShort(attrs.get("key"));
        } catch (NumberFormatException e) {
            throw error(line, "key=" + attrs.get("key") + " is not an int16");
        }
        if (key < 0) {
            throw error(line, "key must be non-negative");
        }
        SchemaVersions versions = range(line, attrs.get("versions"));
        if (versions.isEmpty() || versions.highest() == SchemaVersions.UNBOUNDED) {
            throw error(line, "api versions must be a bounded range N-M (the versions Brook supports)");
        }
        return new MessageSpec.ApiHeader(name, key, versions, range(line, attrs.get("flexible")));
    }

    private MessageSpec parseMessage(Line open, boolean request) {
        String className = header.name() + (request ? "Request" : "Response");
        Map<String, StructSpec> structs = new LinkedHashMap<>();
        Map<String, Integer> definedAt = new LinkedHashMap<>();
        List<FieldSpec> fields = parseBody(open, structs, definedAt, true);
        StructSpec root = new StructSpec(className, fields, open.number());
        return new MessageSpec(header, request, root, structs);
    }

    /** Parses field lines (and, at the top of a message, struct blocks) up to the matching '}'. */
    private List<FieldSpec> parseBody(Line open, Map<String, StructSpec> structs, Map<String, Integer> definedAt,
                                      boolean topLevel) {
        List<FieldSpec> fields = new ArrayList<>();
        while (true) {
            if (pos >= lines.size()) {
                throw error(open, "'{' is never closed");
            }
            Line line = lines.get(pos++);
            List<Token> t = line.tokens();
            if (t.size() == 1 && t.get(0).is("}")) {
                return fields;
            }
            if (t.get(0).is("struct")) {
                if (!topLevel) {
                    throw error(line, "'struct' blocks belong directly inside request/response; define nested"
                            + " structs inline on their field");
                }
                if (t.size() != 3 || !t.get(2).is("{")) {
                    throw error(line, "expected 'struct <Name> {'");
                }
                String name = t.get(1).text();
                if (!FieldType.isIdentifier(name) || !Character.isUpperCase(name.charAt(0))) {
                    throw error(line, "struct name '" + name + "' must be an UpperCamelCase identifier");
                }
                List<FieldSpec> body = parseBody(line, structs, definedAt, false);
                define(line, name, body, structs, definedAt);
            } else {
                fields.add(parseField(line, structs, definedAt));
            }
        }
    }

    private void define(Line line, String name, List<FieldSpec> body, Map<String, StructSpec> structs,
                        Map<String, Integer> definedAt) {
        Integer previous = definedAt.putIfAbsent(name, line.number());
        if (previous != null) {
            throw error(line, "struct " + name + " is already defined at line " + previous
                    + " (refer to it by name without braces)");
        }
        structs.put(name, new StructSpec(name, body, line.number()));
    }

    private FieldSpec parseField(Line line, Map<String, StructSpec> structs, Map<String, Integer> definedAt) {
        List<Token> t = line.tokens();
        String first = t.get(0).text();
        if (!first.endsWith(":") || t.get(0).quoted() != null || t.size() < 2) {
            throw error(line, "expected '<name>: <type> versions=<range> ...', found '" + text(line) + "'");
        }
        String name = first.substring(0, first.length() - 1);
        FieldType type;
        try {
            type = FieldType.parse(t.get(1).text());
        } catch (IllegalArgumentException e) {
            throw error(line, e.getMessage());
        }
        boolean opensStruct = t.get(t.size() - 1).is("{");
        Attributes a = parseAttributes(line, t.subList(2, opensStruct ? t.size() - 1 : t.size()));
        if (a.versions == null) {
            throw error(line, "field " + name + " lacks versions=");
        }
        if (opensStruct) {
            if (type.structNameDeep() == null) {
                throw error(line, "only struct or struct-array fields take a '{ ... }' definition");
            }
            List<FieldSpec> body = parseBody(line, structs, definedAt, false);
            define(line, type.structNameDeep(), body, structs, definedAt);
        }
        return new FieldSpec(name, type, a.versions, a.nullable.intersect(a.versions), a.defaultValue,
                a.defaultQuoted, a.tag, a.ignorable, line.number());
    }

    /** The attributes of a field line, filled by {@link #parseAttributes}. */
    private static final class Attributes {
        SchemaVersions versions;
        SchemaVersions nullable = SchemaVersions.NONE;
        String defaultValue;
        boolean defaultQuoted;
        int tag = -1;
        boolean ignorable;
    }

    private Attributes parseAttributes(Line line, List<Token> tokens) {
        Attributes a = new Attributes();
        List<String> seen = new ArrayList<>();
        for (Token tok : tokens) {
            String s = tok.text();
            int eq = s.indexOf('=');
            String key = eq < 0 ? s : s.substring(0, eq);
            if (seen.contains(key)) {
                throw error(line, "attribute '" + key + "' given twice");
            }
            seen.add(key);
            String value = eq < 0 ? null : s.substring(eq + 1);
            switch (key) {
                case "ignorable" -> {
                    if (value != null) {
                        throw error(line, "'ignorable' takes no value");
                    }
                    a.ignorable = true;
                }
                case "versions" -> a.versions = range(line, requireValue(line, key, value, tok));
                case "nullable" -> a.nullable = range(line, requireValue(line, key, value, tok));
                case "tag" -> a.tag = parseTag(line, requireValue(line, key, value, null));
                case "default" -> {
                    requireValue(line, key, value, null);
                    a.defaultQuoted = tok.quoted() != null;
                    if (a.defaultQuoted && !value.startsWith("\"")) {
                        throw error(line, "a quoted default must be the whole value: default=\"...\"");
                    }
                    a.defaultValue = a.defaultQuoted ? tok.quoted() : value;
                }
                default -> throw error(line, "unknown attribute '" + key
                        + "' (allowed: versions=, nullable=, default=, tag=, ignorable)");
            }
        }
        return a;
    }

    private String requireValue(Line line, String key, String value, Token tok) {
        if (value == null || value.isEmpty()) {
            throw error(line, "'" + key + "' needs a value: " + key + "=...");
        }
        if (tok != null && tok.quoted() != null) {
            throw error(line, "'" + key + "' takes an unquoted value");
        }
        return value;
    }

    private int parseTag(Line line, String value) {
        try {
            int tag = Integer.parseInt(value);
            if (tag < 0) {
                throw new NumberFormatException();
            }
            return tag;
        } catch (NumberFormatException e) {
            throw error(line, "tag=" + value + " must be a non-negative integer");
        }
    }

    private SchemaVersions range(Line line, String text) {
        try {
            return SchemaVersions.parse(text);
        } catch (IllegalArgumentException e) {
            throw error(line, e.getMessage());
        }
    }

    private SchemaException error(Line line, String message) {
        return SchemaException.at(file, line.number(), message);
    }

    private static String text(Line line) {
        StringBuilder sb = new StringBuilder();
        for (Token t : line.tokens()) {
            if (!sb.isEmpty()) {
                sb.append(' ');
            }
            sb.append(t.text());
        }
        return sb.toString();
    }
}
