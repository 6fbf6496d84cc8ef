package io.brook.common.errors;

import java.util.Objects;

/**
 * The TLS handshake with a broker failed, for the {@link Reason} given; the message names the broker and says
 * what to check. Client-side: no broker error code. Not retriable: the same certificates and settings fail the
 * same way, so the connection backs off and every request waiting for it fails with this exception instead of
 * retrying.
 */
public class SslAuthenticationException extends BrookException {
    /** Why the handshake failed. */
    public enum Reason {
        /** The broker did not answer in TLS: most likely a PLAINTEXT (or SASL_PLAINTEXT) listener. */
        NOT_TLS,
        /** The broker's certificate is not signed by any certificate authority in the trust store. */
        UNTRUSTED_CERTIFICATE,
        /** The broker's certificate (or one of its chain) has expired or is not valid yet. */
        EXPIRED_CERTIFICATE,
        /** The broker's certificate does not name the host the client connected to. */
        HOSTNAME_MISMATCH,
        /** The broker refused the handshake: no common protocol or cipher, or it rejected the client certificate. */
        HANDSHAKE_REJECTED
    }

    private final Reason reason;

    public SslAuthenticationException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** Why the handshake failed. */
    public Reason reason() {
        return reason;
    }
}
