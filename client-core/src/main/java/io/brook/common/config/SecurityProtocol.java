package io.brook.common.config;

/** The protocol used to talk to brokers ({@code security.protocol}); Kafka's four listener security protocols. */
public enum SecurityProtocol {
    PLAINTEXT,
    SSL,
    SASL_PLAINTEXT,
    SASL_SSL;

    /** Whether connections use TLS. */
    public boolean usesTls() {
        return this == SSL || this == SASL_SSL;
    }

    /** Whether connections authenticate with SASL. */
    public boolean usesSasl() {
        return this == SASL_PLAINTEXT || this == SASL_SSL;
    }
}
