package io.brook.common.config;

import static io.brook.common.config.ConfigUnit.BYTES;
import static io.brook.common.config.ConfigUnit.MILLISECONDS;
import static io.brook.common.config.Importance.HIGH;
import static io.brook.common.config.Importance.LOW;
import static io.brook.common.config.Importance.MEDIUM;

import java.util.List;

/**
 * The keys every Brook client accepts, with Kafka's names and defaults. A client builds its own
 * {@link ConfigDefinition} by including {@link #DEFINITION}, overriding defaults where its Kafka counterpart
 * differs, and adding its own keys.
 */
public final class CommonConfigs {
    public static final ConfigKey<List<String>> BOOTSTRAP_SERVERS = ConfigKey.builder("bootstrap.servers",
                    ConfigType.LIST)
            .required().validator(Validators.hostPortList()).importance(HIGH)
            .documentation("The host:port addresses the client first contacts to discover the cluster. Any "
                    + "reachable broker is enough; list several in case one is down.")
            .build();

    public static final ConfigKey<String> CLIENT_ID = ConfigKey.builder("client.id", ConfigType.STRING)
            .defaultValue("").importance(MEDIUM)
            .documentation("A name sent with every request, so that broker logs and quotas can tell this client "
                    + "apart.")
            .build();

    public static final ConfigKey<Integer> REQUEST_TIMEOUT_MS = ConfigKey.builder("request.timeout.ms",
                    ConfigType.INT)
            .defaultValue(30_000).unit(MILLISECONDS).validator(Validators.atLeast(1)).importance(MEDIUM)
            .documentation("How long the client waits for the response to one request before failing it (and "
                    + "retrying it, if the operation allows).")
            .build();

    public static final ConfigKey<Integer> DEFAULT_API_TIMEOUT_MS = ConfigKey.builder("default.api.timeout.ms",
                    ConfigType.INT)
            .defaultValue(60_000).unit(MILLISECONDS).validator(Validators.atLeast(0)).importance(MEDIUM)
            .documentation("The overall deadline of an API call that is given no explicit timeout, retries "
                    + "included.")
            .build();

    public static final ConfigKey<Long> RETRY_BACKOFF_MS = ConfigKey.builder("retry.backoff.ms", ConfigType.LONG)
            .defaultValue(100L).unit(MILLISECONDS).validator(Validators.atLeast(0)).importance(LOW)
            .documentation("The wait before the first retry of a failed request; later retries wait exponentially "
                    + "longer, up to retry.backoff.max.ms.")
            .build();

    public static final ConfigKey<Long> RETRY_BACKOFF_MAX_MS = ConfigKey.builder("retry.backoff.max.ms",
                    ConfigType.LONG)
            .defaultValue(1_000L).unit(MILLISECONDS).validator(Validators.atLeast(0)).importance(LOW)
            .documentation("The longest wait between retries. If lower than retry.backoff.ms, retry.backoff.ms "
                    + "is used as a fixed wait.")
            .build();

    public static final ConfigKey<Long> RECONNECT_BACKOFF_MS = ConfigKey.builder("reconnect.backoff.ms",
                    ConfigType.LONG)
            .defaultValue(50L).unit(MILLISECONDS).validator(Validators.atLeast(0)).importance(LOW)
            .documentation("The wait before reconnecting to a broker after a failed connection; it grows "
                    + "exponentially with consecutive failures, up to reconnect.backoff.max.ms.")
            .build();

    public static final ConfigKey<Long> RECONNECT_BACKOFF_MAX_MS = ConfigKey.builder("reconnect.backoff.max.ms",
                    ConfigType.LONG)
            .defaultValue(1_000L).unit(MILLISECONDS).validator(Validators.atLeast(0)).importance(LOW)
            .documentation("The longest wait before reconnecting to a broker. If lower than "
                    + "reconnect.backoff.ms, reconnect.backoff.ms is used as a fixed wait.")
            .build();

    public static final ConfigKey<Long> CONNECTIONS_MAX_IDLE_MS = ConfigKey.builder("connections.max.idle.ms",
                    ConfigType.LONG)
            .defaultValue(540_000L).unit(MILLISECONDS).validator(Validators.positiveOrMinusOne()).importance(MEDIUM)
            .documentation("Connections unused for this long are closed; -1 keeps idle connections open.")
            .build();

    public static final ConfigKey<Long> SOCKET_CONNECTION_SETUP_TIMEOUT_MS = ConfigKey.builder(
                    "socket.connection.setup.timeout.ms", ConfigType.LONG)
            .defaultValue(10_000L).unit(MILLISECONDS).validator(Validators.atLeast(1)).importance(MEDIUM)
            .documentation("How long the client waits for a connection to be established (host name lookup, "
                    + "TCP connect and handshake, each) before giving up on it; doubles with each consecutive failed "
                    + "attempt to the same broker, with 20% random jitter, up to "
                    + "socket.connection.setup.timeout.max.ms.")
            .build();

    public static final ConfigKey<Long> SOCKET_CONNECTION_SETUP_TIMEOUT_MAX_MS = ConfigKey.builder(
                    "socket.connection.setup.timeout.max.ms", ConfigType.LONG)
            .defaultValue(30_000L).unit(MILLISECONDS).validator(Validators.atLeast(1)).importance(MEDIUM)
            .documentation("The longest connection setup timeout. If lower than socket.connection.setup.timeout.ms, "
                    + "socket.connection.setup.timeout.ms is used as a fixed timeout.")
            .build();

    public static final ConfigKey<Long> METADATA_MAX_AGE_MS = ConfigKey.builder("metadata.max.age.ms",
                    ConfigType.LONG)
            .defaultValue(300_000L).unit(MILLISECONDS).validator(Validators.atLeast(0)).importance(LOW)
            .documentation("Cluster metadata is refreshed at least this often, even when no error or new topic "
                    + "asks for it, so that new brokers and partitions are noticed.")
            .build();

    public static final ConfigKey<Integer> SEND_BUFFER_BYTES = ConfigKey.builder("send.buffer.bytes", ConfigType.INT)
            .defaultValue(128 * 1024).unit(BYTES).validator(Validators.positiveOrMinusOne()).importance(MEDIUM)
            .documentation("The TCP send buffer size (SO_SNDBUF) of broker connections; -1 leaves the operating "
                    + "system default.")
            .build();

    public static final ConfigKey<Integer> RECEIVE_BUFFER_BYTES = ConfigKey.builder("receive.buffer.bytes",
                    ConfigType.INT)
            .defaultValue(64 * 1024).unit(BYTES).validator(Validators.positiveOrMinusOne()).importance(MEDIUM)
            .documentation("The TCP receive buffer size (SO_RCVBUF) of broker connections; -1 leaves the "
                    + "operating system default.")
            .build();

    public static final ConfigKey<ClientDnsLookup> CLIENT_DNS_LOOKUP = ConfigKey.builder("client.dns.lookup",
                    ConfigType.enumOf(ClientDnsLookup.class))
            .defaultValue(ClientDnsLookup.USE_ALL_DNS_IPS).importance(MEDIUM)
            .documentation("How host names are resolved. use_all_dns_ips: every address of a name is tried in "
                    + "turn. resolve_canonical_bootstrap_servers_only: bootstrap names are first expanded to the "
                    + "canonical names of their addresses.")
            .build();

    public static final ConfigKey<SecurityProtocol> SECURITY_PROTOCOL = ConfigKey.builder("security.protocol",
                    ConfigType.enumOf(SecurityProtocol.class))
            .defaultValue(SecurityProtocol.PLAINTEXT)
            .importance(MEDIUM)
            .documentation("The protocol used to reach brokers: PLAINTEXT, SSL (TLS), SASL_PLAINTEXT (SASL "
                    + "authentication without encryption) or SASL_SSL (SASL over TLS). The ssl.* and sasl.* keys "
                    + "configure the latter three.")
            .build();

    public static final ConfigKey<MetadataRecoveryStrategy> METADATA_RECOVERY_STRATEGY = ConfigKey.builder(
                    "metadata.recovery.strategy", ConfigType.enumOf(MetadataRecoveryStrategy.class))
            .defaultValue(MetadataRecoveryStrategy.REBOOTSTRAP).importance(LOW)
            .documentation("What to do when no known broker can be reached. rebootstrap: resolve "
                    + "bootstrap.servers again and start over from them. none: keep trying the known brokers.")
            .build();

    public static final ConfigKey<Long> METADATA_RECOVERY_REBOOTSTRAP_TRIGGER_MS = ConfigKey.builder(
                    "metadata.recovery.rebootstrap.trigger.ms", ConfigType.LONG)
            .defaultValue(300_000L).unit(MILLISECONDS).validator(Validators.atLeast(0)).importance(LOW)
            .documentation("With the rebootstrap strategy, also start over from bootstrap.servers when no "
                    + "metadata could be fetched for this long, even if some broker still accepts connections.")
            .build();

    public static final ConfigKey<List<String>> API_VERSION_PINS = ConfigKey.builder("brook.api.version.pins",
                    ConfigType.LIST)
            .defaultValue(List.of()).validator(Validators.apiVersionPins()).importance(LOW)
            .documentation("Brook only. Restricts the protocol versions used for some APIs, e.g. "
                    + "Metadata=12,Produce=9-11 (Api=max or Api=min-max; Kafka API names, case-insensitive). "
                    + "Brook otherwise uses the highest version both sides support. A request fails with "
                    + "UnsupportedVersionException if the broker supports no version in the pinned range.")
            .build();

    public static final ConfigKey<Integer> IO_THREADS = ConfigKey.builder("brook.io.threads", ConfigType.INT)
            .defaultValue(1).validator(Validators.between(1, 64)).importance(LOW)
            .documentation("Brook only. The number of Netty I/O threads (brook-<clientId>-io-<n>) of the client. "
                    + "They only move bytes and decode responses; one is enough for most clients.")
            .build();

    public static final ConfigKey<Integer> MAX_QUEUED_REQUESTS_PER_CONNECTION = ConfigKey.builder(
                    "brook.max.queued.requests.per.connection", ConfigType.INT)
            .defaultValue(1000).validator(Validators.atLeast(1)).importance(LOW)
            .documentation("Brook only. How many requests may wait to be written on one broker connection (while "
                    + "it connects, or while its in-flight limit or socket buffer is full). A request beyond it fails "
                    + "at once with the retriable RequestQueueFullException, so a slow broker cannot make memory grow "
                    + "without bound.")
            .build();

    /** All common keys, in documentation order. */
    public static final ConfigDefinition DEFINITION = ConfigDefinition.builder("common")
            .add(BOOTSTRAP_SERVERS)
            .add(CLIENT_ID)
            .add(REQUEST_TIMEOUT_MS)
            .add(DEFAULT_API_TIMEOUT_MS)
            .add(RETRY_BACKOFF_MS)
            .add(RETRY_BACKOFF_MAX_MS)
            .add(RECONNECT_BACKOFF_MS)
            .add(RECONNECT_BACKOFF_MAX_MS)
            .add(CONNECTIONS_MAX_IDLE_MS)
            .add(SOCKET_CONNECTION_SETUP_TIMEOUT_MS)
            .add(SOCKET_CONNECTION_SETUP_TIMEOUT_MAX_MS)
            .add(METADATA_MAX_AGE_MS)
            .add(SEND_BUFFER_BYTES)
            .add(RECEIVE_BUFFER_BYTES)
            .add(CLIENT_DNS_LOOKUP)
            .add(SECURITY_PROTOCOL)
            .include(SecurityConfigs.DEFINITION)
            .add(METADATA_RECOVERY_STRATEGY)
            .add(METADATA_RECOVERY_REBOOTSTRAP_TRIGGER_MS)
            .add(API_VERSION_PINS)
            .add(IO_THREADS)
            .add(MAX_QUEUED_REQUESTS_PER_CONNECTION)
            .build();

    private CommonConfigs() {}
}
