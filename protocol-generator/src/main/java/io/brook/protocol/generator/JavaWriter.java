package io.brook.protocol.generator;

/** Builds Java source text line by line with four-space indentation. Not thread-safe. */
final class JavaWriter {
    private final StringBuilder sb = new StringBuilder();
    private int indent;

    /** Appends one line at the current indentation (an empty string gives a blank line). */
    JavaWriter line(String s) {
        if (!s.isEmpty()) {
            sb.append("    ".repeat(indent)).append(s);
        }
        sb.append('\n');
        return this;
    }

    JavaWriter blank() {
        return line("");
    }

    /** Appends {@code s + " {"} and indents. */
    JavaWriter open(String s) {
        line(s + " {");
        indent++;
        return this;
    }

    /** Dedents and appends {@code "}"}. */
    JavaWriter close() {
        indent--;
        return line("}");
    }

    /** Dedents, appends {@code "} " + s + " {"} and indents again: {@code } else {}. */
    JavaWriter reopen(String s) {
        indent--;
        line("} " + s + " {");
        indent++;
        return this;
    }

    /** Appends a Javadoc comment; {@code text} may contain several lines. */
    JavaWriter javadoc(String text) {
        String[] lines = text.split("\n");
        if (lines.length == 1) {
            return line("/** " + text + " */");
        }
        line("/**");
        for (String l : lines) {
            line(l.isEmpty() ? " *" : " * " + l);
        }
        return line(" */");
    }

    void indent() {
        indent++;
    }

    void dedent() {
        indent--;
    }

    @Override
    public String toString() {
        return sb.toString();
    }
}
