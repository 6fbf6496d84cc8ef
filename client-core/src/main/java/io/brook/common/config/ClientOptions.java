package io.brook.common.config;

import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The validated configuration of one client, with typed accessors for the {@link CommonConfigs} keys. Each client
 * has a subclass (e.g. {@link AdminOptions}) whose builder extends {@link Builder} with setters for its own keys;
 * every key can also be set by name, so a {@code Map} of Kafka-style keys and the typed builder are
 * interchangeable.
 *
 * <p>Immutable and thread-safe.
 */
public abstract class ClientOptions {
    private final ClientConfig config;

    /**
     * @param config parsed with the subclass's definition
     */
    protected ClientOptions(ClientConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    /** Every key's value, by key: for keys without a typed accessor. */
    public ClientConfig config() {
        return config;
    }

    public List<BootstrapAddress> bootstrapServers() {
        return config.get(CommonConfigs.BOOTSTRAP_SERVERS).stream().map(BootstrapAddress::parse).toList();
    }

    public String clientId() {
        return config.get(CommonConfigs.CLIENT_ID);
    }

    public Duration requestTimeout() {
        return Duration.ofMillis(config.get(CommonConfigs.REQUEST_TIMEOUT_MS));
    }

    public Duration defaultApiTimeout() {
        return Duration.ofMillis(config.get(CommonConfigs.DEFAULT_API_TIMEOUT_MS));
    }

    public Duration metadataMaxAge() {
        return Duration.ofMillis(config.get(CommonConfigs.METADATA_MAX_AGE_MS));
    }

    public ClientDnsLookup clientDnsLookup() {
        return config.get(CommonConfigs.CLIENT_DNS_LOOKUP);
    }

    public SecurityProtocol securityProtocol() {
        return config.get(CommonConfigs.SECURITY_PROTOCOL);
    }

    public List<ApiVersionPin> apiVersionPins() {
        return ApiVersionPin.parseAll(config.get(CommonConfigs.API_VERSION_PINS));
    }

    @Override
    public String toString() {
        return config.toString();
    }

    /**
     * The base of every client's options builder. Values are collected as given and parsed only by
     * {@link #build()}, so the first problem is reported with the key's name however it was set. Not thread-safe.
     *
     * @param <B> the concrete builder, returned by every setter
     * @param <O> the options class built
     */
    public abstract static class Builder<B extends Builder<B, O>, O extends ClientOptions> {
        private final ConfigDefinition definition;
        private final Map<String, Object> values = new LinkedHashMap<>();

        protected Builder(ConfigDefinition definition) {
            this.definition = Objects.requireNonNull(definition, "definition");
        }

        /** Sets a key by its Kafka name; the value as text or as its natural Java type. Checked by build(). */
        public B set(String key, Object value) {
            values.put(Objects.requireNonNull(key, "key"), value);
            return self();
        }

        /** Sets a key to a typed value. */
        public <T> B set(ConfigKey<T> key, T value) {
            return set(key.name(), value);
        }

        /** Sets every entry of {@code config}, as {@link #set(String, Object)} does. */
        public B setAll(Map<String, ?> config) {
            config.forEach(this::set);
            return self();
        }

        public B bootstrapServers(String... hostPorts) {
            return set(CommonConfigs.BOOTSTRAP_SERVERS, Arrays.asList(hostPorts));
        }

        public B bootstrapServers(List<String> hostPorts) {
            return set(CommonConfigs.BOOTSTRAP_SERVERS, List.copyOf(hostPorts));
        }

        public B clientId(String clientId) {
            return set(CommonConfigs.CLIENT_ID, clientId);
        }

        public B requestTimeout(Duration timeout) {
            return set(CommonConfigs.REQUEST_TIMEOUT_MS.name(), timeout);
        }

        public B defaultApiTimeout(Duration timeout) {
            return set(CommonConfigs.DEFAULT_API_TIMEOUT_MS.name(), timeout);
        }

        /** {@code retry.backoff.ms} and {@code retry.backoff.max.ms}. */
        public B retryBackoff(Duration initial, Duration max) {
            set(CommonConfigs.RETRY_BACKOFF_MS.name(), initial);
            return set(CommonConfigs.RETRY_BACKOFF_MAX_MS.name(), max);
        }

        /** {@code reconnect.backoff.ms} and {@code reconnect.backoff.max.ms}. */
        public B reconnectBackoff(Duration initial, Duration max) {
            set(CommonConfigs.RECONNECT_BACKOFF_MS.name(), initial);
            return set(CommonConfigs.RECONNECT_BACKOFF_MAX_MS.name(), max);
        }

        /** {@code connections.max.idle.ms}; {@link Optional#empty()} keeps idle connections open. */
        public B connectionsMaxIdle(Optional<Duration> maxIdle) {
            return set(CommonConfigs.CONNECTIONS_MAX_IDLE_MS.name(), maxIdle.map(Object.class::cast).orElse(-1L));
        }

        /** {@code socket.connection.setup.timeout.ms} and {@code socket.connection.setup.timeout.max.ms}. */
        public B socketConnectionSetupTimeout(Duration initial, Duration max) {
            set(CommonConfigs.SOCKET_CONNECTION_SETUP_TIMEOUT_MS.name(), initial);
            return set(CommonConfigs.SOCKET_CONNECTION_SETUP_TIMEOUT_MAX_MS.name(), max);
        }

        public B metadataMaxAge(Duration maxAge) {
            return set(CommonConfigs.METADATA_MAX_AGE_MS.name(), maxAge);
        }

        public B sendBufferBytes(int bytes) {
            return set(CommonConfigs.SEND_BUFFER_BYTES, bytes);
        }

        public B receiveBufferBytes(int bytes) {
            return set(CommonConfigs.RECEIVE_BUFFER_BYTES, bytes);
        }

        public B clientDnsLookup(ClientDnsLookup lookup) {
            return set(CommonConfigs.CLIENT_DNS_LOOKUP, lookup);
        }

        public B metadataRecoveryStrategy(MetadataRecoveryStrategy strategy) {
            return set(CommonConfigs.METADATA_RECOVERY_STRATEGY, strategy);
        }

        /** {@code security.protocol}. */
        public B securityProtocol(SecurityProtocol protocol) {
            return set(CommonConfigs.SECURITY_PROTOCOL, protocol);
        }

        /**
         * SASL with a user name and password: {@code sasl.mechanism} (PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512),
         * {@code brook.sasl.username} and {@code brook.sasl.password}. The same as pasting a
         * {@code sasl.jaas.config}, without a secret inside a string. Set {@code security.protocol} too.
         */
        public B saslCredentials(SaslMechanism mechanism, String username, Password password) {
            set(SecurityConfigs.SASL_MECHANISM, mechanism);
            set(SecurityConfigs.SASL_USERNAME, username);
            return set(SecurityConfigs.SASL_PASSWORD, password);
        }

        /** SASL/OAUTHBEARER with tokens from {@code supplier}. Set {@code security.protocol} too. */
        public B saslOAuthBearer(OAuthBearerTokenSupplier supplier) {
            set(SecurityConfigs.SASL_MECHANISM, SaslMechanism.OAUTHBEARER);
            return set(SecurityConfigs.SASL_OAUTHBEARER_TOKEN_SUPPLIER, supplier);
        }

        /** The trust store: {@code ssl.truststore.location}, {@code .type} (JKS, PKCS12, PEM) and {@code .password}. */
        public B sslTruststore(String location, String type, Password password) {
            set(SecurityConfigs.SSL_TRUSTSTORE_LOCATION, location);
            set(SecurityConfigs.SSL_TRUSTSTORE_TYPE, type);
            return set(SecurityConfigs.SSL_TRUSTSTORE_PASSWORD.name(), password);
        }

        /**
         * The client's key store, for mutual TLS: {@code ssl.keystore.location}, {@code .type} and
         * {@code .password}, and {@code ssl.key.password} (null: the store's password).
         */
        public B sslKeystore(String location, String type, Password password, Password keyPassword) {
            set(SecurityConfigs.SSL_KEYSTORE_LOCATION, location);
            set(SecurityConfigs.SSL_KEYSTORE_TYPE, type);
            set(SecurityConfigs.SSL_KEYSTORE_PASSWORD.name(), password);
            return set(SecurityConfigs.SSL_KEY_PASSWORD.name(), keyPassword);
        }

        /** {@code brook.api.version.pins}, each entry as {@link ApiVersionPin#parse} reads it. */
        public B apiVersionPins(String... pins) {
            return set(CommonConfigs.API_VERSION_PINS, Arrays.asList(pins));
        }

        /**
         * Validates everything set so far against the client's definition.
         *
         * @throws ConfigException naming the first unknown key, bad value or missing required key
         */
        public O build() {
            return create(definition.parse(values));
        }

        /** {@code this}, typed as the concrete builder. */
        protected abstract B self();

        /** Wraps a configuration parsed with this builder's definition. */
        protected abstract O create(ClientConfig config);
    }
}
