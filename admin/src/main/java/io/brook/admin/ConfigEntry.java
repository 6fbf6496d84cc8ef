package io.brook.admin;

import java.util.List;
import java.util.Objects;

/**
 * One configuration key of a resource as the broker describes it.
 *
 * @param name the key
 * @param value the value, or {@code null} when it is sensitive (passwords) or has none
 * @param source where the value comes from
 * @param sensitive whether the broker hides the value
 * @param readOnly whether it cannot be changed dynamically
 * @param synonyms the other places the key is or could be set, most specific first (the first one is the value's
 *     own source); empty unless asked for ({@link DescribeConfigsOptions#includeSynonyms()})
 * @param documentation the key's documentation, or {@code null} unless asked for
 */
public record ConfigEntry(String name, String value, Source source, boolean sensitive, boolean readOnly,
        List<Synonym> synonyms, String documentation) {

    /** Where a value comes from, with its wire id. */
    public enum Source {
        UNKNOWN((byte) 0),
        /** Set on the topic. */
        DYNAMIC_TOPIC_CONFIG((byte) 1),
        /** Set dynamically on this broker. */
        DYNAMIC_BROKER_CONFIG((byte) 2),
        /** Set dynamically as the default of every broker. */
        DYNAMIC_DEFAULT_BROKER_CONFIG((byte) 3),
        /** Set in the broker's properties file. */
        STATIC_BROKER_CONFIG((byte) 4),
        /** Kafka's built-in default. */
        DEFAULT_CONFIG((byte) 5),
        /** A broker logger's level, set dynamically. */
        DYNAMIC_BROKER_LOGGER_CONFIG((byte) 6),
        /** Set on a client metrics subscription. */
        DYNAMIC_CLIENT_METRICS_CONFIG((byte) 7),
        /** Set on a group. */
        DYNAMIC_GROUP_CONFIG((byte) 8);

        private final byte id;

        Source(byte id) {
            this.id = id;
        }

        public byte id() {
            return id;
        }

        /** The source with wire id {@code id}; {@link #UNKNOWN} for an id Brook does not know. */
        public static Source forId(byte id) {
            for (Source s : values()) {
                if (s.id == id) {
                    return s;
                }
            }
            return UNKNOWN;
        }
    }

    /**
     * Another place a key is or could be set.
     *
     * @param name the key there (broker-level synonyms of topic keys have other names)
     * @param value the value there, or {@code null} if sensitive
     * @param source which place
     */
    public record Synonym(String name, String value, Source source) {
        public Synonym {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(source, "source");
        }
    }

    public ConfigEntry {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(source, "source");
        synonyms = List.copyOf(Objects.requireNonNull(synonyms, "synonyms"));
    }

    /** Whether the value is Kafka's built-in default. */
    public boolean isDefault() {
        return source == Source.DEFAULT_CONFIG;
    }
}
