package io.brook.admin.internal;

import io.brook.common.errors.InvalidTopicException;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * Kafka's rules for topic names, checked on the client so that a bad name fails before anything is sent and names
 * the rule it broke. Stateless.
 */
public final class TopicNames {
    /** Kafka's limit: a topic's directory name adds a partition suffix, which must fit a 255-byte file name. */
    public static final int MAX_LENGTH = 249;

    private TopicNames() {}

    /**
     * Checks {@code name}.
     *
     * @throws NullPointerException if {@code name} is null
     * @throws InvalidTopicException if it is empty, blank, {@code "."} or {@code ".."}, longer than
     *     {@value #MAX_LENGTH} characters, or holds a character outside {@code [a-zA-Z0-9._-]}
     */
    public static void validate(String name) {
        Objects.requireNonNull(name, "topic name");
        String problem = problem(name);
        if (problem != null) {
            throw new InvalidTopicException("Invalid topic name '" + name + "': " + problem);
        }
    }

    /** Validates each name and returns them without duplicates, in the caller's order. */
    public static Set<String> validateAll(Collection<String> names) {
        Objects.requireNonNull(names, "topics");
        Set<String> unique = new LinkedHashSet<>();
        for (String name : names) {
            validate(name);
            unique.add(name);
        }
        return unique;
    }

    private static String problem(String name) {
        if (name.isEmpty()) {
            return "it is empty";
        }
        if (name.equals(".") || name.equals("..")) {
            return "'.' and '..' are reserved";
        }
        if (name.length() > MAX_LENGTH) {
            return "it is " + name.length() + " characters long, the limit is " + MAX_LENGTH;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!isLegal(c)) {
                return "character '" + printable(c) + "' at index " + i
                        + " is not allowed (only ASCII letters, digits, '.', '_' and '-')";
            }
        }
        return null;
    }

    private static boolean isLegal(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '.' || c == '_' || c == '-';
    }

    private static String printable(char c) {
        return Character.isISOControl(c) || Character.isWhitespace(c)
                ? String.format("\\u%04x", (int) c)
                : String.valueOf(c);
    }
}
