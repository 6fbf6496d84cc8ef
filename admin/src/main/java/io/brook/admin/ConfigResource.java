package io.brook.admin;

import java.util.Objects;

/**
 * Something that has configuration: a topic, a broker (all brokers' dynamic defaults when the name is empty) or a
 * broker's loggers.
 *
 * @param type what kind of resource
 * @param name the topic name, or the broker's node id as a decimal string ({@code ""} for the cluster-wide broker
 *     defaults); never null
 */
public record ConfigResource(Type type, String name) {
    /** The kinds of resource that have configuration, with their wire ids. */
    public enum Type {
        TOPIC((byte) 2),
        BROKER((byte) 4),
        BROKER_LOGGER((byte) 8);

        private final byte id;

        Type(byte id) {
            this.id = id;
        }

        /** The id DescribeConfigs and IncrementalAlterConfigs carry. */
        public byte id() {
            return id;
        }

        /** The type with wire id {@code id}, or {@code null} if Brook does not know it. */
        public static Type forId(byte id) {
            for (Type t : values()) {
                if (t.id == id) {
                    return t;
                }
            }
            return null;
        }
    }

    public ConfigResource {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(name, "name");
        if (type == Type.TOPIC) {
            io.brook.admin.internal.TopicNames.validate(name);
        } else if (!name.isEmpty() && !name.chars().allMatch(Character::isDigit)) {
            throw new IllegalArgumentException(type + " config resource name must be a broker id (or empty for "
                    + "the cluster-wide defaults): '" + name + "'");
        }
        if (type == Type.BROKER_LOGGER && name.isEmpty()) {
            throw new IllegalArgumentException("BROKER_LOGGER config resource needs a broker id");
        }
    }

    /** The configuration of topic {@code name}. */
    public static ConfigResource topic(String name) {
        return new ConfigResource(Type.TOPIC, name);
    }

    /** The configuration of the broker with node id {@code id}. */
    public static ConfigResource broker(int id) {
        if (id < 0) {
            throw new IllegalArgumentException("broker id must not be negative: " + id);
        }
        return new ConfigResource(Type.BROKER, Integer.toString(id));
    }

    /** The dynamic defaults of every broker of the cluster. */
    public static ConfigResource brokerDefaults() {
        return new ConfigResource(Type.BROKER, "");
    }

    /** Whether requests about this resource must go to one particular broker (its own configs or loggers). */
    public boolean isBrokerSpecific() {
        return type != Type.TOPIC && !name.isEmpty();
    }

    @Override
    public String toString() {
        return type == Type.TOPIC ? "topic '" + name + "'"
                : type == Type.BROKER && name.isEmpty() ? "broker defaults"
                : (type == Type.BROKER ? "broker " : "loggers of broker ") + name;
    }
}
