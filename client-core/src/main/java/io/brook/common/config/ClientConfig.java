package io.brook.common.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A parsed, validated client configuration: every key of its {@link ConfigDefinition} with the user's value or
 * the default. Created by {@link ConfigDefinition#parse}.
 *
 * <p>Immutable and thread-safe.
 */
public final class ClientConfig {
    private final ConfigDefinition definition;
    private final Map<String, Object> values;
    private final Set<String> explicit;

    ClientConfig(ConfigDefinition definition, Map<String, Object> values, Set<String> explicit) {
        this.definition = definition;
        // LinkedHashMap because default-less optional keys map to null, which Map.copyOf refuses.
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        this.explicit = Set.copyOf(explicit);
    }

    public ConfigDefinition definition() {
        return definition;
    }

    /**
     * The value of {@code key}: the user's, or the client's default. Keys are matched by name, so a common key
     * constant returns the value even where a client overrides its default.
     *
     * @return the value; null only for an optional key without a default that was not given
     * @throws IllegalArgumentException if the key is not part of this client's definition
     */
    public <T> T get(ConfigKey<T> key) {
        ConfigKey<?> own = definition.key(key.name()).orElseThrow(() -> new IllegalArgumentException(
                "'" + key.name() + "' is not a configuration key of the " + definition.clientName() + " client"));
        if (own.type() != key.type()) {
            throw new IllegalArgumentException("'" + key.name() + "' has type " + own.type() + ", not " + key.type());
        }
        @SuppressWarnings("unchecked") // same name and same ConfigType instance, so the parsed value is a T
        T value = (T) values.get(key.name());
        return value;
    }

    /** Whether the user gave {@code key} a value (as opposed to it taking its default). */
    public boolean isExplicit(ConfigKey<?> key) {
        return explicit.contains(key.name());
    }

    /** Every key and its parsed value, in declaration order; values may be null. Unmodifiable. */
    public Map<String, Object> values() {
        return values;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(definition.clientName()).append(" configuration:");
        for (ConfigKey<?> key : definition.keys()) {
            sb.append("\n  ").append(key.name()).append(" = ").append(format(key));
        }
        return sb.toString();
    }

    private <T> String format(ConfigKey<T> key) {
        @SuppressWarnings("unchecked") // parsed by this very key
        T value = (T) values.get(key.name());
        return key.type().format(value);
    }
}
