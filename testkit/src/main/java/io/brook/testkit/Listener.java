package io.brook.testkit;

/**
 * A secured listener a launched cluster can open besides its PLAINTEXT one (which stays, for the controller, the
 * brokers among themselves and every other test). Ask for them with {@link KafkaClusterBuilder#listener}; connect
 * with {@link KafkaCluster#bootstrapServers(Listener)} and {@link KafkaCluster#clientProperties(Listener)}.
 *
 * <p>TLS listeners present certificates of the cluster's own test authority ({@link TestCertificates}), created
 * when the cluster starts; SASL listeners enable PLAIN, SCRAM-SHA-256, SCRAM-SHA-512 and OAUTHBEARER (with Kafka's
 * default validator of unsecured JWTs) for the users of {@link KafkaClusterBuilder#saslUser}.
 */
public enum Listener {
    /** TLS; the broker's certificate names {@code localhost} and {@code 127.0.0.1}. */
    SSL("SSL", "SSL"),
    /** TLS with {@code ssl.client.auth=required}: clients must present a certificate of the test authority. */
    MTLS("MTLS", "SSL"),
    /** SASL without TLS. */
    SASL_PLAINTEXT("SASL_PLAINTEXT", "SASL_PLAINTEXT"),
    /** SASL over TLS. */
    SASL_SSL("SASL_SSL", "SASL_SSL"),
    /** TLS with a certificate that expired days ago, for failure tests. */
    SSL_EXPIRED_CERTIFICATE("EXPIRED", "SSL"),
    /** TLS with a certificate that names only {@code wrong.example.com}, for host name verification tests. */
    SSL_WRONG_HOST("WRONGHOST", "SSL");

    private final String listenerName;
    private final String securityProtocol;

    Listener(String listenerName, String securityProtocol) {
        this.listenerName = listenerName;
        this.securityProtocol = securityProtocol;
    }

    /** The Kafka listener name in the broker's configuration, e.g. {@code MTLS}. */
    public String listenerName() {
        return listenerName;
    }

    /** The {@code security.protocol} a client uses with it. */
    public String securityProtocol() {
        return securityProtocol;
    }

    /** Whether it speaks TLS. */
    public boolean usesTls() {
        return securityProtocol.endsWith("SSL");
    }

    /** Whether it authenticates with SASL. */
    public boolean usesSasl() {
        return securityProtocol.startsWith("SASL");
    }
}
