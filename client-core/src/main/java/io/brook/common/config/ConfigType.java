package io.brook.common.config;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * The type of a configuration value and how it is read from what a user passes: either its text form (as in a
 * properties file) or the natural Java type. Numbers accept any integral {@link Number} in range; lists accept a
 * comma-separated string or a {@link List} of strings; enums accept the constant or its configuration spelling
 * ({@code toString()}), case-insensitively.
 *
 * <p>Immutable.
 *
 * @param <T> the Java type of parsed values
 */
public final class ConfigType<T> {
    public static final ConfigType<Boolean> BOOLEAN = new ConfigType<>("boolean", ConfigType::parseBoolean,
            String::valueOf);
    public static final ConfigType<Integer> INT = new ConfigType<>("int",
            raw -> (int) parseIntegral(raw, Integer.MIN_VALUE, Integer.MAX_VALUE, "an int"), String::valueOf);
    public static final ConfigType<Long> LONG = new ConfigType<>("long",
            raw -> parseIntegral(raw, Long.MIN_VALUE, Long.MAX_VALUE, "a long"), String::valueOf);
    public static final ConfigType<String> STRING = new ConfigType<>("string", ConfigType::parseString,
            v -> v);
    public static final ConfigType<List<String>> LIST = new ConfigType<>("list", ConfigType::parseList,
            v -> String.join(",", v));
    /**
     * A secret: read from text or a {@link Password}, and always formatted as {@value Password#HIDDEN}, so that
     * configuration dumps and messages never show it. Not trimmed: a password may end in a space.
     */
    public static final ConfigType<Password> PASSWORD = new ConfigType<>("password", ConfigType::parsePassword,
            v -> Password.HIDDEN);

    private final String name;
    private final Function<Object, T> parser;
    private final Function<T, String> formatter;
    private final List<String> constants;

    private ConfigType(String name, Function<Object, T> parser, Function<T, String> formatter) {
        this(name, parser, formatter, List.of());
    }

    private ConfigType(String name, Function<Object, T> parser, Function<T, String> formatter,
            List<String> constants) {
        this.name = name;
        this.parser = parser;
        this.formatter = formatter;
        this.constants = constants;
    }

    /** A type whose values are the constants of {@code type}, written as their {@code toString()}. */
    public static <E extends Enum<E>> ConfigType<E> enumOf(Class<E> type) {
        E[] constants = type.getEnumConstants();
        List<String> spellingList = Arrays.stream(constants).map(Object::toString).toList();
        String spellings = String.join(", ", spellingList);
        return new ConfigType<>("string", raw -> {
            if (type.isInstance(raw)) {
                return type.cast(raw);
            }
            if (raw instanceof String s) {
                for (E e : constants) {
                    if (e.toString().equalsIgnoreCase(s.trim())) {
                        return e;
                    }
                }
            }
            throw new IllegalArgumentException("one of " + spellings);
        }, Object::toString, spellingList);
    }

    /**
     * A type whose values are Java objects implementing {@code type} (a callback such as an
     * {@link OAuthBearerTokenSupplier}); it cannot be given as text. Formatted as the object's class name.
     */
    public static <T> ConfigType<T> instanceOf(Class<T> type) {
        return new ConfigType<>("class", raw -> {
            if (type.isInstance(raw)) {
                return type.cast(raw);
            }
            throw new IllegalArgumentException("an instance of " + type.getName());
        }, v -> v.getClass().getName());
    }

    /**
     * The type's name in documentation: {@code boolean}, {@code int}, {@code long}, {@code string}, {@code list},
     * {@code password}.
     */
    public String name() {
        return name;
    }

    /** For an enum type, the spelling of every constant; empty for other types. */
    public List<String> constants() {
        return constants;
    }

    /**
     * Reads a user-supplied value.
     *
     * @param raw never null
     * @throws IllegalArgumentException whose message says what was expected (e.g. {@code "an int"})
     */
    T parse(Object raw) {
        return parser.apply(raw);
    }

    /** The text form of a value of this type, as a user would write it. */
    public String format(T value) {
        return value == null ? "null" : formatter.apply(value);
    }

    @Override
    public String toString() {
        return name;
    }

    private static Boolean parseBoolean(Object raw) {
        if (raw instanceof Boolean b) {
            return b;
        }
        if (raw instanceof String s) {
            String t = s.trim();
            if (t.equalsIgnoreCase("true")) {
                return Boolean.TRUE;
            }
            if (t.equalsIgnoreCase("false")) {
                return Boolean.FALSE;
            }
        }
        throw new IllegalArgumentException("true or false");
    }

    private static long parseIntegral(Object raw, long min, long max, String expectation) {
        long value;
        if (raw instanceof Long || raw instanceof Integer || raw instanceof Short || raw instanceof Byte) {
            value = ((Number) raw).longValue();
        } else if (raw instanceof String s) {
            try {
                value = Long.parseLong(s.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(expectation);
            }
        } else {
            throw new IllegalArgumentException(expectation);
        }
        if (value < min || value > max) {
            throw new IllegalArgumentException(expectation + " (between " + min + " and " + max + ")");
        }
        return value;
    }

    private static String parseString(Object raw) {
        if (raw instanceof String s) {
            return s.trim();
        }
        throw new IllegalArgumentException("a string");
    }

    private static Password parsePassword(Object raw) {
        if (raw instanceof Password p) {
            return p;
        }
        if (raw instanceof String s) {
            return Password.of(s);
        }
        throw new IllegalArgumentException("a string or a Password");
    }

    /** Whether values of this type are secrets that messages must not show. */
    boolean isSecret() {
        return this == PASSWORD;
    }

    private static List<String> parseList(Object raw) {
        List<String> out = new ArrayList<>();
        if (raw instanceof String s) {
            for (String part : s.split(",")) {
                if (!part.isBlank()) {
                    out.add(part.trim());
                }
            }
        } else if (raw instanceof List<?> list) {
            for (Object element : list) {
                if (!(element instanceof String s)) {
                    throw new IllegalArgumentException("a list of strings");
                }
                if (!s.isBlank()) {
                    out.add(s.trim());
                }
            }
        } else {
            throw new IllegalArgumentException("a comma-separated string or a list of strings");
        }
        return List.copyOf(out);
    }

    /** For messages: the value as given, quoted if it is text. */
    static String describeRaw(Object raw) {
        return raw instanceof String s ? "'" + s + "'" : String.valueOf(raw);
    }
}
