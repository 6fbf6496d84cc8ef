package io.brook.admin;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The configuration of one resource, keyed by name in the order the broker listed the keys.
 *
 * @param entries the keys and their descriptions
 */
public record Config(Map<String, ConfigEntry> entries) {
    /** A configuration with no keys: what a description holds when configs were not asked for. */
    public static final Config EMPTY = new Config(Map.of());

    public Config {
        Objects.requireNonNull(entries, "entries");
        entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
    }

    /** A configuration of {@code entries}, keyed by their names. */
    public static Config of(Collection<ConfigEntry> entries) {
        Map<String, ConfigEntry> byName = new LinkedHashMap<>();
        for (ConfigEntry e : entries) {
            byName.put(e.name(), e);
        }
        return new Config(byName);
    }

    /** The entry of {@code name}, or {@code null} if the resource has no such key. */
    public ConfigEntry get(String name) {
        return entries.get(name);
    }

    /** The value of {@code name}, or {@code null} if it is absent, sensitive or unset. */
    public String value(String name) {
        ConfigEntry e = entries.get(name);
        return e == null ? null : e.value();
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }
}
