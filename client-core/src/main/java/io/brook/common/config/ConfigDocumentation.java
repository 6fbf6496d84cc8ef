package io.brook.common.config;

import java.util.List;

/**
 * Renders a client's {@link ConfigDefinition} as a Markdown table for {@code docs/CONFIGURATION.md}, and splices
 * it into the document between the client's markers:
 * <pre>
 * &lt;!-- BEGIN GENERATED CONFIG: admin --&gt;
 * | Key | Type | Default | Unit | Valid values | Importance | Description |
 * ...
 * &lt;!-- END GENERATED CONFIG: admin --&gt;
 * </pre>
 * Text outside the markers is hand-written and kept. Each client module checks its own section in a test
 * ({@link #section} must equal {@link #render}), so the document cannot drift from the definitions.
 *
 * <p>Stateless.
 */
public final class ConfigDocumentation {
    private ConfigDocumentation() {}

    /** The marker line that opens a client's generated section. */
    public static String beginMarker(String clientName) {
        return "<!-- BEGIN GENERATED CONFIG: " + clientName + " -->";
    }

    /** The marker line that closes a client's generated section. */
    public static String endMarker(String clientName) {
        return "<!-- END GENERATED CONFIG: " + clientName + " -->";
    }

    /** The table of every key of {@code definition}, in declaration order; lines end with {@code \n}. */
    public static String render(ConfigDefinition definition) {
        StringBuilder out = new StringBuilder();
        out.append("| Key | Type | Default | Unit | Valid values | Importance | Description |\n");
        out.append("|-----|------|---------|------|--------------|------------|-------------|\n");
        for (ConfigKey<?> key : definition.keys()) {
            out.append("| `").append(key.name()).append("` | ")
                    .append(key.type().name()).append(" | ")
                    .append(code(key.defaultDisplay())).append(" | ")
                    .append(key.unit().symbol()).append(" | ")
                    .append(escape(validValues(key))).append(" | ")
                    .append(key.importance().name().toLowerCase(java.util.Locale.ROOT)).append(" | ")
                    .append(escape(key.documentation())).append(" |\n");
        }
        return out.toString();
    }

    /**
     * The generated section of {@code clientName} in {@code document}, without the marker lines.
     *
     * @return the section's text, or null if the document has no such section
     */
    public static String section(String document, String clientName) {
        int[] bounds = bounds(document, clientName);
        return bounds == null ? null : document.substring(bounds[0], bounds[1]);
    }

    /**
     * {@code document} with the section of {@code definition}'s client replaced by a fresh rendering; when the
     * document has no section for it, one is appended under a {@code ## <client> client} heading.
     */
    public static String update(String document, ConfigDefinition definition) {
        String client = definition.clientName();
        String table = render(definition);
        int[] bounds = bounds(document, client);
        if (bounds == null) {
            String separator = document.isEmpty() || document.endsWith("\n\n") ? "" : document.endsWith("\n")
                    ? "\n" : "\n\n";
            return document + separator + "## " + capitalize(client) + " client\n\n" + beginMarker(client) + "\n"
                    + table + endMarker(client) + "\n";
        }
        return document.substring(0, bounds[0]) + table + document.substring(bounds[1]);
    }

    /** Start (after the begin marker's line) and end (at the end marker) of a client's section, or null. */
    private static int[] bounds(String document, String clientName) {
        String begin = beginMarker(clientName) + "\n";
        int start = document.indexOf(begin);
        if (start < 0) {
            return null;
        }
        int from = start + begin.length();
        int end = document.indexOf(endMarker(clientName), from);
        if (end < 0) {
            throw new IllegalArgumentException("the document opens the section of " + clientName
                    + " but never closes it");
        }
        return new int[] {from, end};
    }

    private static String validValues(ConfigKey<?> key) {
        String described = key.validator().describe();
        if (!described.isEmpty()) {
            return described;
        }
        List<String> constants = key.type().constants();
        return String.join(", ", constants);
    }

    private static String code(String text) {
        return "`" + text + "`";
    }

    /** Markdown tables end a cell at a bare pipe. */
    private static String escape(String text) {
        return text.replace("|", "\\|");
    }

    private static String capitalize(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
