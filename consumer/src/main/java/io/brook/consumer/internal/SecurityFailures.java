package io.brook.consumer.internal;

import io.brook.common.errors.BrookException;
import io.brook.common.errors.IllegalSaslStateException;
import io.brook.common.errors.SaslAuthenticationException;
import io.brook.common.errors.SslAuthenticationException;
import io.brook.common.errors.UnsupportedSaslMechanismException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The latest failure to set up a secured connection that one of the consumer's requests met: a failed SASL
 * authentication (wrong password, unknown user, rejected token), a mechanism the broker does not enable, a TLS
 * handshake that failed (untrusted, expired or misnamed certificate, a plaintext port). No waiting cures these, so
 * {@code poll} throws the failure once, as kafka-clients does, instead of waiting out its timeout while every
 * request fails the same way; the next {@code poll} tries again, at the pace of the connection's reconnect
 * backoff.
 *
 * <p>Thread-safe: offered on whichever thread completes a request, taken by the polling thread.
 */
final class SecurityFailures {
    private final AtomicReference<BrookException> latest = new AtomicReference<>();
    private final Signal signal;

    SecurityFailures(Signal signal) {
        this.signal = signal;
    }

    /** Whether {@code error} is a failure to authenticate or to set up TLS with a broker. */
    static boolean isSecurityFailure(Throwable error) {
        return error instanceof SaslAuthenticationException || error instanceof SslAuthenticationException
                || error instanceof UnsupportedSaslMechanismException || error instanceof IllegalSaslStateException;
    }

    /** Keeps {@code error} for the polling thread, and wakes it, if it is a security failure. Any thread. */
    void offer(Throwable error) {
        if (isSecurityFailure(error)) {
            latest.set((BrookException) error);
            signal.signal();
        }
    }

    /** The failure kept since the last call, or null; forgets it. */
    BrookException take() {
        return latest.getAndSet(null);
    }
}
