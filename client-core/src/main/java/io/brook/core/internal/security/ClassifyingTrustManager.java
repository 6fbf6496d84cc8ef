package io.brook.core.internal.security;

import io.brook.common.errors.SslAuthenticationException.Reason;
import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.util.Date;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Checks a broker's certificate in two steps, so that a failure says which check failed: first the chain alone
 * (signed by a trusted authority, within its validity: {@link Reason#UNTRUSTED_CERTIFICATE} or
 * {@link Reason#EXPIRED_CERTIFICATE}), then, if host name verification is on, the chain with the engine's endpoint
 * identification ({@link Reason#HOSTNAME_MISMATCH}, since the chain already passed). Failures are
 * {@link ClassifiedCertificateException}s, which the TLS engines keep as the cause of their handshake failure.
 *
 * <p>Client side only: {@code checkClientTrusted} refuses. Immutable and thread-safe (the JDK delegate is).
 */
final class ClassifyingTrustManager extends X509ExtendedTrustManager {
    private final X509ExtendedTrustManager delegate;
    private final boolean verifyHostname;

    ClassifyingTrustManager(X509ExtendedTrustManager delegate, boolean verifyHostname) {
        this.delegate = delegate;
        this.verifyHostname = verifyHostname;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        checkChain(chain, authType);
        checkHost(chain, engine == null ? null : engine.getPeerHost(),
                () -> delegate.checkServerTrusted(chain, authType, engine));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        checkChain(chain, authType);
        checkHost(chain, null, () -> delegate.checkServerTrusted(chain, authType, socket));
    }

    /** A check by the JDK that includes endpoint identification. */
    private interface IdentifyingCheck {
        void run() throws CertificateException;
    }

    /** Runs {@code check} if host names are verified; the chain passed already, so a failure is the host name. */
    private void checkHost(X509Certificate[] chain, String host, IdentifyingCheck check) throws CertificateException {
        if (!verifyHostname) {
            return;
        }
        try {
            check.run();
        } catch (CertificateException e) {
            throw new ClassifiedCertificateException(Reason.HOSTNAME_MISMATCH, "the broker's certificate ("
                    + chain[0].getSubjectX500Principal().getName() + ") is not issued for host "
                    + (host == null ? "connected to" : host) + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        checkChain(chain, authType);
    }

    /** The chain alone, with no endpoint identification: the two-argument check of the JDK does none. */
    private void checkChain(X509Certificate[] chain, String authType) throws CertificateException {
        try {
            delegate.checkServerTrusted(chain, authType);
        } catch (CertificateException e) {
            X509Certificate outdated = outdated(chain);
            if (outdated != null) {
                throw new ClassifiedCertificateException(Reason.EXPIRED_CERTIFICATE, "the broker's certificate "
                        + "chain holds a certificate outside its validity period: "
                        + outdated.getSubjectX500Principal().getName() + ", valid from " + outdated.getNotBefore()
                        + " to " + outdated.getNotAfter(), e);
            }
            throw new ClassifiedCertificateException(Reason.UNTRUSTED_CERTIFICATE, "the broker's certificate ("
                    + (chain.length == 0 ? "none" : chain[0].getSubjectX500Principal().getName() + ", issued by "
                            + chain[0].getIssuerX500Principal().getName())
                    + ") is not signed by an authority in the trust store: " + e.getMessage(), e);
        }
    }

    private static X509Certificate outdated(X509Certificate[] chain) {
        Date now = new Date();
        for (X509Certificate certificate : chain) {
            try {
                certificate.checkValidity(now);
            } catch (CertificateExpiredException | CertificateNotYetValidException e) {
                return certificate;
            }
        }
        return null;
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("a client does not check client certificates");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        checkClientTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        checkClientTrusted(chain, authType);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return delegate.getAcceptedIssuers();
    }

    /** A certificate check that failed for a known {@link Reason}. */
    static final class ClassifiedCertificateException extends CertificateException {
        private static final long serialVersionUID = 1L;
        private final Reason reason;

        ClassifiedCertificateException(Reason reason, String message, Throwable cause) {
            super(message, cause);
            this.reason = reason;
        }

        Reason reason() {
            return reason;
        }
    }
}
