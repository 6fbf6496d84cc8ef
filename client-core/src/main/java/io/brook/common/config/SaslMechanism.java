package io.brook.common.config;

/**
 * The SASL mechanisms Brook speaks ({@code sasl.mechanism}), spelled as Kafka spells them. Kafka's default,
 * GSSAPI (Kerberos), is not among them.
 */
public enum SaslMechanism {
    /** RFC 4616: user name and password sent as they are; use it over TLS only. */
    PLAIN("PLAIN"),
    /** RFC 5802/7677 with SHA-256: a salted challenge-response; the password never crosses the wire. */
    SCRAM_SHA_256("SCRAM-SHA-256"),
    /** RFC 5802 with SHA-512. */
    SCRAM_SHA_512("SCRAM-SHA-512"),
    /** RFC 7628: a bearer token (usually an OAuth 2 / OIDC JWT) from a supplier the user provides. */
    OAUTHBEARER("OAUTHBEARER");

    private final String mechanismName;

    SaslMechanism(String mechanismName) {
        this.mechanismName = mechanismName;
    }

    /** The name on the wire and in configuration, e.g. {@code SCRAM-SHA-256}. */
    public String mechanismName() {
        return mechanismName;
    }

    /** Whether this is one of the SCRAM mechanisms. */
    public boolean isScram() {
        return this == SCRAM_SHA_256 || this == SCRAM_SHA_512;
    }

    @Override
    public String toString() {
        return mechanismName;
    }
}
