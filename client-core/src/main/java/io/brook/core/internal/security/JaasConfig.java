package io.brook.core.internal.security;

import io.brook.common.config.ConfigException;
import io.brook.common.config.SecurityConfigs;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * One login module entry of Kafka's {@code sasl.jaas.config}, parsed:
 * {@code <login module class> <flag> key="value" key2=value2 ... ;}. Values are quoted (with {@code \"} and
 * {@code \\} escapes) or bare words. Only the module's simple class name and the options are kept: the module
 * says which credentials the options hold; nothing is loaded.
 *
 * <p>Errors name the position and what was expected, never the text found: the string holds secrets.
 * Immutable; {@link #toString()} shows the module and option names only.
 *
 * @param moduleClass the login module's class name as written
 * @param options the options, in order
 */
record JaasConfig(String moduleClass, Map<String, String> options) {
    private static final Set<String> FLAGS = Set.of("required", "requisite", "sufficient", "optional");

    JaasConfig {
        options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
    }

    /** The module's class name without its package, e.g. {@code ScramLoginModule}. */
    String moduleSimpleName() {
        return moduleClass.substring(moduleClass.lastIndexOf('.') + 1);
    }

    /**
     * @throws ConfigException naming {@code sasl.jaas.config} and the position of the problem
     */
    static JaasConfig parse(String text) {
        return new Parser(text).entry();
    }

    @Override
    public String toString() {
        return "JaasConfig(" + moduleClass + ", options " + options.keySet() + ")";
    }

    /** A one-use recursive-descent reader of one entry. */
    private static final class Parser {
        private final String text;
        private int pos;

        Parser(String text) {
            this.text = text;
        }

        JaasConfig entry() {
            skipSpace();
            String module = word("a login module class name");
            skipSpace();
            String flag = word("a control flag (required)");
            if (!FLAGS.contains(flag)) {
                throw error("a control flag (required, requisite, sufficient or optional)");
            }
            Map<String, String> options = new LinkedHashMap<>();
            while (true) {
                skipSpace();
                if (pos >= text.length()) {
                    throw error("';' at the end of the login module entry");
                }
                if (text.charAt(pos) == ';') {
                    pos++;
                    break;
                }
                String key = word("an option name or ';'");
                skipSpace();
                expect('=');
                skipSpace();
                String value = pos < text.length() && text.charAt(pos) == '"' ? quoted() : word("an option value");
                if (options.put(key, value) != null) {
                    throw new ConfigException(SecurityConfigs.SASL_JAAS_CONFIG.name(), "Invalid "
                            + SecurityConfigs.SASL_JAAS_CONFIG.name() + ": option '" + key + "' appears twice");
                }
            }
            skipSpace();
            if (pos < text.length()) {
                throw error("the end after the first login module's ';' (Brook takes one login module)");
            }
            return new JaasConfig(module, options);
        }

        private String word(String expected) {
            int start = pos;
            while (pos < text.length() && isWordChar(text.charAt(pos))) {
                pos++;
            }
            if (start == pos) {
                throw error(expected);
            }
            return text.substring(start, pos);
        }

        private static boolean isWordChar(char c) {
            return Character.isLetterOrDigit(c) || c == '.' || c == '_' || c == '$' || c == '-';
        }

        private String quoted() {
            int open = pos;
            pos++; // the opening quote
            StringBuilder out = new StringBuilder();
            while (pos < text.length()) {
                char c = text.charAt(pos++);
                if (c == '"') {
                    return out.toString();
                }
                if (c == '\\' && pos < text.length()) {
                    c = text.charAt(pos++);
                }
                out.append(c);
            }
            pos = open;
            throw error("a closing '\"' for the value quoted");
        }

        private void expect(char c) {
            if (pos >= text.length() || text.charAt(pos) != c) {
                throw error("'" + c + "'");
            }
            pos++;
        }

        private void skipSpace() {
            while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
                pos++;
            }
        }

        private ConfigException error(String expected) {
            // The text itself stays out of the message: it holds passwords.
            return new ConfigException(SecurityConfigs.SASL_JAAS_CONFIG.name(), "Invalid "
                    + SecurityConfigs.SASL_JAAS_CONFIG.name() + " at character " + (pos + 1) + " of " + text.length()
                    + ": expected " + expected + ", as in <LoginModule class> required username=\"...\" "
                    + "password=\"...\";");
        }
    }
}
