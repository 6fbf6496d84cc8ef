package io.brook.common.config;

import java.util.Map;

/**
 * The admin client's validated configuration ({@link AdminConfigs#DEFINITION}).
 *
 * <pre>{@code
 * AdminOptions options = AdminOptions.builder().bootstrapServers("localhost:9092").clientId("tool").build();
 * AdminOptions same = AdminOptions.fromMap(Map.of("bootstrap.servers", "localhost:9092", "client.id", "tool"));
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class AdminOptions extends ClientOptions {
    private AdminOptions(ClientConfig config) {
        super(config);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Parses a map of Kafka-style keys.
     *
     * @throws ConfigException naming the first unknown key, bad value or missing required key
     */
    public static AdminOptions fromMap(Map<String, ?> config) {
        return new AdminOptions(AdminConfigs.DEFINITION.parse(config));
    }

    public int retries() {
        return config().get(AdminConfigs.RETRIES);
    }

    /** Builds {@link AdminOptions}. Not thread-safe. */
    public static final class Builder extends ClientOptions.Builder<Builder, AdminOptions> {
        private Builder() {
            super(AdminConfigs.DEFINITION);
        }

        public Builder retries(int retries) {
            return set(AdminConfigs.RETRIES, retries);
        }

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        protected AdminOptions create(ClientConfig config) {
            return new AdminOptions(config);
        }
    }
}
