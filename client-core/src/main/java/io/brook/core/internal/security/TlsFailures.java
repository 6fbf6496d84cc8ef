package io.brook.core.internal.security;

import io.brook.common.errors.BrookException;
import io.brook.common.errors.NetworkException;
import io.brook.common.errors.SslAuthenticationException;
import io.brook.common.errors.SslAuthenticationException.Reason;
import io.brook.core.internal.network.Endpoint;
import io.brook.core.internal.security.ClassifyingTrustManager.ClassifiedCertificateException;
import io.netty.handler.ssl.NotSslRecordException;
import io.netty.handler.ssl.SslHandshakeTimeoutException;
import java.nio.channels.ClosedChannelException;
import javax.net.ssl.SSLException;

/**
 * Turns a failed TLS handshake into Brook's typed error: {@link SslAuthenticationException} with the
 * {@link Reason} and a message naming the broker and what to check; a handshake that timed out stays a retriable
 * {@link NetworkException}. Stateless.
 */
public final class TlsFailures {
    private TlsFailures() {}

    /** The error for a handshake with {@code endpoint} that failed with {@code cause}. */
    public static BrookException handshakeFailed(Endpoint endpoint, Throwable cause) {
        if (cause instanceof SslHandshakeTimeoutException) {
            return new NetworkException("TLS handshake with broker " + endpoint + " timed out: " + cause.getMessage(),
                    cause);
        }
        ClassifiedCertificateException classified = find(cause, ClassifiedCertificateException.class);
        if (classified != null) {
            return new SslAuthenticationException(classified.reason(), "TLS handshake with broker " + endpoint
                    + " failed: " + classified.getMessage(), cause);
        }
        if (find(cause, NotSslRecordException.class) != null || closedBeforeAnswer(cause)) {
            return new SslAuthenticationException(Reason.NOT_TLS, "TLS handshake with broker " + endpoint
                    + " failed: the broker did not answer in TLS (it closed the connection or sent something "
                    + "else); is " + endpoint.host() + ":" + endpoint.port() + " a PLAINTEXT or SASL_PLAINTEXT "
                    + "listener? Check security.protocol and the port", cause);
        }
        return new SslAuthenticationException(Reason.HANDSHAKE_REJECTED, "TLS handshake with broker " + endpoint
                + " failed: " + describe(cause) + "; check ssl.enabled.protocols, ssl.cipher.suites and, if the "
                + "broker requires client certificates, ssl.keystore.*", cause);
    }

    /** A TLS failure after the handshake, before the connection was ready (TLS 1.3 rejects client certificates so). */
    public static SslAuthenticationException rejectedAfterHandshake(Endpoint endpoint, SSLException cause) {
        return new SslAuthenticationException(Reason.HANDSHAKE_REJECTED, "Broker " + endpoint + " ended the TLS "
                + "session right after the handshake: " + describe(cause) + "; a broker that requires client "
                + "certificates does so when it rejects the client's (check ssl.keystore.*)", cause);
    }

    private static boolean closedBeforeAnswer(Throwable cause) {
        if (find(cause, ClosedChannelException.class) != null) {
            return true;
        }
        // The JDK engine: "Connection closed while SSL/TLS handshake was in progress" (Netty), or an EOF.
        for (Throwable t = cause; t != null; t = t.getCause()) {
            String m = t.getMessage();
            if (m != null && (m.contains("closed while SSL/TLS handshake") || m.contains("closed inbound before"))) {
                return true;
            }
        }
        return false;
    }

    private static <T extends Throwable> T find(Throwable t, Class<T> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return null;
    }

    private static String describe(Throwable t) {
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }
}
