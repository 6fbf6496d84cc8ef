package io.brook.common.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The set of keys one client accepts (the {@link CommonConfigs} keys plus its own) and the parser of a user's
 * configuration map against it.
 *
 * <p>A client declares its set once, as a constant:
 * <pre>{@code
 * static final ConfigDefinition DEFINITION = ConfigDefinition.builder("producer")
 *         .include(CommonConfigs.DEFINITION)
 *         .override(CommonConfigs.RECEIVE_BUFFER_BYTES, 32 * 1024)
 *         .add(ACKS)
 *         .build();
 * }</pre>
 *
 * <p>Immutable and thread-safe. Keys keep their declaration order (the documentation lists them so).
 */
public final class ConfigDefinition {
    private final String clientName;
    private final Map<String, ConfigKey<?>> keys;

    private ConfigDefinition(String clientName, Map<String, ConfigKey<?>> keys) {
        this.clientName = clientName;
        this.keys = Collections.unmodifiableMap(new LinkedHashMap<>(keys));
    }

    public static Builder builder(String clientName) {
        return new Builder(clientName);
    }

    /** The client these keys configure, e.g. {@code "admin"}; used in messages and documentation. */
    public String clientName() {
        return clientName;
    }

    /** Every key, in declaration order. */
    public Collection<ConfigKey<?>> keys() {
        return keys.values();
    }

    public Optional<ConfigKey<?>> key(String name) {
        return Optional.ofNullable(keys.get(name));
    }

    /**
     * Parses and validates a user's configuration.
     *
     * <p>Values may be given in their text form or as their natural Java type (see {@link ConfigType}); a null
     * value counts as not given. Keys are checked in name order and the first problem is thrown, so that the
     * same input always yields the same message.
     *
     * @param values the user's keys and values; never null, keys never null
     * @throws ConfigException (an {@link IllegalArgumentException}) for an unknown key, naming the closest known
     *     one; for a bad value, naming key, value and expectation; or for a missing required key
     */
    public ClientConfig parse(Map<String, ?> values) {
        if (values == null) {
            throw new IllegalArgumentException("configuration map must not be null");
        }
        Map<String, Object> given = new TreeMap<>();
        for (Map.Entry<String, ?> e : values.entrySet()) {
            if (e.getKey() == null) {
                throw new IllegalArgumentException("configuration keys must not be null");
            }
            given.put(e.getKey(), e.getValue());
        }
        for (String name : given.keySet()) {
            if (!keys.containsKey(name)) {
                throw unknownKey(name);
            }
        }
        Map<String, Object> parsed = new LinkedHashMap<>();
        Set<String> explicit = new HashSet<>();
        for (ConfigKey<?> key : keys.values()) {
            Object raw = given.get(key.name());
            if (raw != null) {
                parsed.put(key.name(), key.parse(raw));
                explicit.add(key.name());
            } else if (key.required()) {
                throw new ConfigException(key.name(), "Missing required configuration key '" + key.name()
                        + "' for the " + clientName + " client: " + key.documentation());
            } else {
                parsed.put(key.name(), key.defaultValue());
            }
        }
        return new ClientConfig(this, parsed, explicit);
    }

    private ConfigException unknownKey(String name) {
        StringBuilder message = new StringBuilder("Unknown configuration key '").append(name).append("' for the ")
                .append(clientName).append(" client");
        String closest = KeySuggestions.closest(name, keys.keySet());
        if (closest != null) {
            message.append("; did you mean '").append(closest).append("'?");
        }
        return new ConfigException(name, message.toString());
    }

    @Override
    public String toString() {
        return "ConfigDefinition(" + clientName + ", " + keys.size() + " keys)";
    }

    /** Builds a {@link ConfigDefinition}. Not thread-safe. */
    public static final class Builder {
        private final String clientName;
        private final Map<String, ConfigKey<?>> keys = new LinkedHashMap<>();

        private Builder(String clientName) {
            if (clientName == null || clientName.isBlank()) {
                throw new IllegalArgumentException("client name must not be blank");
            }
            this.clientName = clientName;
        }

        /**
         * Adds a key.
         *
         * @throws IllegalArgumentException if a key of that name is already present
         */
        public Builder add(ConfigKey<?> key) {
            if (keys.putIfAbsent(key.name(), key) != null) {
                throw new IllegalArgumentException("key '" + key.name() + "' is defined twice for " + clientName);
            }
            return this;
        }

        /** Adds every key of {@code other}, in its order. */
        public Builder include(ConfigDefinition other) {
            List<ConfigKey<?>> toAdd = new ArrayList<>(other.keys());
            toAdd.forEach(this::add);
            return this;
        }

        /**
         * Replaces the default of an already added key, for a client whose default differs from the common one.
         *
         * @throws IllegalArgumentException if no such key was added
         */
        public <T> Builder override(ConfigKey<T> key, T newDefault) {
            if (!keys.containsKey(key.name())) {
                throw new IllegalArgumentException("cannot override '" + key.name() + "': not added to "
                        + clientName);
            }
            keys.put(key.name(), key.withDefault(newDefault));
            return this;
        }

        public ConfigDefinition build() {
            return new ConfigDefinition(clientName, keys);
        }
    }
}
