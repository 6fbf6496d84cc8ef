package io.brook.common.config;

import io.brook.protocol.ApiKey;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Factory of the common {@link Validator}s. All returned validators are immutable; null values pass them. */
public final class Validators {
    private Validators() {}

    /** Accepts everything. */
    public static <T> Validator<T> any() {
        return new Validator<>() {
            @Override
            public String check(T value) {
                return null;
            }

            @Override
            public String describe() {
                return "";
            }
        };
    }

    /** A number {@code >= min}. */
    public static Validator<Number> atLeast(long min) {
        return between(min, Long.MAX_VALUE);
    }

    /** A number in {@code [min, max]}. */
    public static Validator<Number> between(long min, long max) {
        if (min > max) {
            throw new IllegalArgumentException("empty range [" + min + ", " + max + "]");
        }
        return new Validator<>() {
            @Override
            public String check(Number value) {
                if (value == null || (value.longValue() >= min && value.longValue() <= max)) {
                    return null;
                }
                // An upper bound at a type's limit is implied by the type, so the message leaves it out.
                return max >= Integer.MAX_VALUE ? "a value >= " + min : "a value between " + min + " and " + max;
            }

            @Override
            public String describe() {
                return "[" + min + ", " + (max >= Integer.MAX_VALUE ? "..." : String.valueOf(max)) + "]";
            }
        };
    }

    /** A number {@code >= 1}, or {@code -1} for "disabled" / "system default". */
    public static Validator<Number> positiveOrMinusOne() {
        return new Validator<>() {
            @Override
            public String check(Number value) {
                return value == null || value.longValue() == -1 || value.longValue() >= 1 ? null
                        : "-1 or a value >= 1";
            }

            @Override
            public String describe() {
                return "-1, [1, ...]";
            }
        };
    }

    /** A string that is not blank. */
    public static Validator<String> nonBlank() {
        return new Validator<>() {
            @Override
            public String check(String value) {
                return value == null || !value.isBlank() ? null : "a non-blank string";
            }

            @Override
            public String describe() {
                return "non-blank";
            }
        };
    }

    /**
     * One of {@code allowed}; any other value of the type is rejected with {@code reasonOtherwise} (e.g. why a
     * known value is not supported yet).
     */
    public static <E extends Enum<E>> Validator<E> oneOf(String reasonOtherwise, List<E> allowed) {
        Set<E> set = Set.copyOf(allowed);
        String names = allowed.stream().map(Object::toString).collect(Collectors.joining(", "));
        return new Validator<>() {
            @Override
            public String check(E value) {
                return value == null || set.contains(value) ? null : "one of " + names + " (" + reasonOtherwise + ")";
            }

            @Override
            public String describe() {
                return names;
            }
        };
    }

    /** A non-empty list of {@code host:port} addresses without duplicates, as {@link BootstrapAddress} parses. */
    public static Validator<List<String>> hostPortList() {
        return new Validator<>() {
            @Override
            public String check(List<String> value) {
                if (value == null) {
                    return null;
                }
                if (value.isEmpty()) {
                    return "at least one host:port address";
                }
                Set<String> seen = new HashSet<>();
                for (String entry : value) {
                    try {
                        BootstrapAddress.parse(entry);
                    } catch (IllegalArgumentException e) {
                        return "a list of host:port addresses (" + e.getMessage() + ")";
                    }
                    if (!seen.add(entry)) {
                        return "a list of host:port addresses without duplicates ('" + entry + "' repeats)";
                    }
                }
                return null;
            }

            @Override
            public String describe() {
                return "host1:port1,host2:port2,...";
            }
        };
    }

    /** A list of API version pins in the form {@link ApiVersionPin#parse} accepts, at most one per API. */
    public static Validator<List<String>> apiVersionPins() {
        return new Validator<>() {
            @Override
            public String check(List<String> value) {
                if (value == null) {
                    return null;
                }
                try {
                    for (ApiVersionPin pin : ApiVersionPin.parseAll(value)) {
                        if (Arrays.stream(ApiKey.values()).noneMatch(k -> pin.appliesTo(k.apiName()))) {
                            return "a list of Api=max or Api=min-max entries with Kafka API names ('" + pin.api()
                                    + "' is not one)";
                        }
                    }
                    return null;
                } catch (IllegalArgumentException e) {
                    return "a list of Api=max or Api=min-max entries (" + e.getMessage() + ")";
                }
            }

            @Override
            public String describe() {
                return "Api=max or Api=min-max, ...";
            }
        };
    }
}
