package io.brook.protocol.generator;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits schema text into lines of tokens. A token is a run of non-blank characters; {@code {} and {@code }} are
 * tokens of their own; {@code #} starts a comment outside double quotes; a double-quoted part ({@code
 * default="a b"}) may hold blanks and the escapes {@code \"}, {@code \\}, {@code \n}, {@code \t}. Blank and
 * comment-only lines are dropped.
 */
final class SchemaLexer {
    /** One token; {@code quoted} holds the unescaped text of a double-quoted part, else null. */
    record Token(String text, String quoted, int line) {
        boolean is(String s) {
            return quoted == null && text.equals(s);
        }
    }

    /** The tokens of one source line. */
    record Line(int number, List<Token> tokens) {
        Token first() {
            return tokens.get(0);
        }

        Token last() {
            return tokens.get(tokens.size() - 1);
        }
    }

    private SchemaLexer() {}

    static List<Line> lex(Path file, String text) {
        List<Line> lines = new ArrayList<>();
        String[] raw = text.split("\r?\n", -1);
        for (int i = 0; i < raw.length; i++) {
            List<Token> tokens = lexLine(file, raw[i], i + 1);
            if (!tokens.isEmpty()) {
                lines.add(new Line(i + 1, tokens));
            }
        }
        return lines;
    }

    private static List<Token> lexLine(Path file, String s, int line) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        int n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            if (c == '#') {
                break;
            }
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '{' || c == '}') {
                tokens.add(new Token(String.valueOf(c), null, line));
                i++;
            } else {
                StringBuilder text = new StringBuilder();
                String quoted = null;
                while (i < n) {
                    c = s.charAt(i);
                    if (Character.isWhitespace(c) || c == '{' || c == '}' || c == '#') {
                        break;
                    }
                    if (c == '"') {
                        if (quoted != null) {
                            throw SchemaException.at(file, line, "only one quoted string is allowed per token");
                        }
                        StringBuilder q = new StringBuilder();
                        i = readQuoted(file, s, i + 1, line, q);
                        quoted = q.toString();
                        text.append('"').append(quoted).append('"');
                    } else {
                        text.append(c);
                        i++;
                    }
                }
                tokens.add(new Token(text.toString(), quoted, line));
            }
        }
        return tokens;
    }

    /** Reads a quoted string body starting after the opening quote; returns the index after the closing one. */
    private static int readQuoted(Path file, String s, int i, int line, StringBuilder out) {
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '"') {
                return i + 1;
            }
            if (c == '\\') {
                if (i + 1 >= s.length()) {
                    break;
                }
                char e = s.charAt(i + 1);
                switch (e) {
                    case '"', '\\' -> out.append(e);
                    case 'n' -> out.append('\n');
                    case 't' -> out.append('\t');
                    default -> throw SchemaException.at(file, line, "unknown escape \\" + e + " in a quoted string");
                }
                i += 2;
            } else {
                out.append(c);
                i++;
            }
        }
        throw SchemaException.at(file, line, "unterminated quoted string");
    }
}
