package io.brook.core.internal.security;

import io.brook.common.config.SecurityProtocol;
import java.util.Objects;

/**
 * How a client's connections are secured: the {@code security.protocol}, the TLS setup if it uses TLS and the
 * SASL credentials if it uses SASL. Part of the network configuration; built by {@link SecurityConfigMapping}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param tls non-null exactly when the protocol uses TLS
 * @param sasl non-null exactly when the protocol uses SASL
 */
public record SecuritySettings(SecurityProtocol protocol, TlsSettings tls, SaslSettings sasl) {
    /** No TLS, no SASL. */
    public static final SecuritySettings PLAINTEXT = new SecuritySettings(SecurityProtocol.PLAINTEXT, null, null);

    public SecuritySettings {
        Objects.requireNonNull(protocol, "protocol");
        if (protocol.usesTls() != (tls != null)) {
            throw new IllegalArgumentException(protocol + (protocol.usesTls() ? " needs" : " takes no")
                    + " TLS settings");
        }
        if (protocol.usesSasl() != (sasl != null)) {
            throw new IllegalArgumentException(protocol + (protocol.usesSasl() ? " needs" : " takes no")
                    + " SASL settings");
        }
    }
}
