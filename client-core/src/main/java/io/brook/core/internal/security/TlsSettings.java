package io.brook.core.internal.security;

import io.brook.common.config.ClientConfig;
import io.brook.common.config.ConfigException;
import io.brook.common.config.SecurityConfigs;
import io.brook.common.config.TlsProvider;
import io.brook.core.internal.network.Endpoint;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import java.io.ByteArrayInputStream;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLException;

/**
 * A client's TLS setup, built once from the {@code ssl.*} keys when the client is created (so a missing file or a
 * wrong store password fails {@code create}, naming the key): the Netty {@link SslContext} on the chosen engine
 * (OpenSSL through netty-tcnative, or the JDK's), with Brook's {@link ClassifyingTrustManager} and, for mutual TLS,
 * the client's key. {@link #newHandler} makes one {@link SslHandler} per connection, with the broker's host for
 * SNI and host name verification.
 *
 * <p>Immutable and thread-safe.
 */
public final class TlsSettings {
    private final SslContext context;
    private final SslProvider provider;
    private final boolean verifyHostname;
    private final boolean clientCertificate;

    private TlsSettings(SslContext context, SslProvider provider, boolean verifyHostname, boolean clientCertificate) {
        this.context = context;
        this.provider = provider;
        this.verifyHostname = verifyHostname;
        this.clientCertificate = clientCertificate;
    }

    /**
     * @throws ConfigException naming the key at fault: a store that does not load, an engine that is not available,
     *     protocols or ciphers the engine does not know
     */
    public static TlsSettings from(ClientConfig config) {
        SslProvider provider = provider(config.get(SecurityConfigs.SSL_PROVIDER));
        boolean verifyHostname = !config.get(SecurityConfigs.SSL_ENDPOINT_IDENTIFICATION_ALGORITHM).isEmpty();
        List<String> protocols = config.get(SecurityConfigs.SSL_ENABLED_PROTOCOLS);
        String protocol = config.get(SecurityConfigs.SSL_PROTOCOL);
        if (!protocol.equalsIgnoreCase("TLS") && protocols.stream().noneMatch(protocol::equalsIgnoreCase)) {
            throw new ConfigException(SecurityConfigs.SSL_PROTOCOL.name(), SecurityConfigs.SSL_PROTOCOL.name() + " "
                    + protocol + " is not among " + SecurityConfigs.SSL_ENABLED_PROTOCOLS.name() + " " + protocols);
        }
        List<String> ciphers = config.get(SecurityConfigs.SSL_CIPHER_SUITES);
        SslContextBuilder builder = SslContextBuilder.forClient()
                .sslProvider(provider)
                .trustManager(new ClassifyingTrustManager(TlsStores.trustManager(config), verifyHostname))
                // Netty 4.2 verifies host names by default; Brook follows ssl.endpoint.identification.algorithm.
                .endpointIdentificationAlgorithm(verifyHostname ? "HTTPS" : null)
                .protocols(protocols)
                .ciphers(ciphers.isEmpty() ? null : ciphers);
        boolean clientCertificate = addKey(builder, config);
        try {
            return new TlsSettings(builder.build(), provider, verifyHostname, clientCertificate);
        } catch (SSLException | IllegalArgumentException e) {
            throw new ConfigException(ciphers.isEmpty() ? SecurityConfigs.SSL_ENABLED_PROTOCOLS.name()
                    : SecurityConfigs.SSL_CIPHER_SUITES.name(), "Could not create the TLS context on the "
                    + provider + " engine: " + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private static boolean addKey(SslContextBuilder builder, ClientConfig config) {
        KeyManagerFactory keyManagers = TlsStores.keyManagers(config);
        if (keyManagers != null) {
            builder.keyManager(keyManagers);
            return true;
        }
        TlsStores.PemKey pem = TlsStores.pemKey(config);
        if (pem == null) {
            return false;
        }
        try {
            builder.keyManager(new ByteArrayInputStream(pem.certificateChain()), new ByteArrayInputStream(pem.key()),
                    pem.keyPassword() == null ? null : pem.keyPassword().value());
            return true;
        } catch (IllegalArgumentException e) {
            // Netty's PEM reader names what it could not find; its message holds no key material.
            throw new ConfigException(SecurityConfigs.SSL_KEYSTORE_KEY.name(), "Could not read the PEM private key "
                    + "and certificate chain (" + SecurityConfigs.SSL_KEYSTORE_KEY.name() + ", "
                    + SecurityConfigs.SSL_KEYSTORE_CERTIFICATE_CHAIN.name() + " or a PEM "
                    + SecurityConfigs.SSL_KEYSTORE_LOCATION.name() + "): " + rootMessage(e));
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root == e ? ": " + e.getMessage() : " (" + e.getMessage() + ")");
    }

    /** The engine for {@code brook.ssl.provider}. */
    static SslProvider provider(TlsProvider requested) {
        return switch (requested) {
            case JDK -> SslProvider.JDK;
            case AUTO -> OpenSsl.isAvailable() ? SslProvider.OPENSSL : SslProvider.JDK;
            case OPENSSL -> {
                if (!OpenSsl.isAvailable()) {
                    Throwable cause = OpenSsl.unavailabilityCause();
                    throw new ConfigException(SecurityConfigs.SSL_PROVIDER.name(), SecurityConfigs.SSL_PROVIDER.name()
                            + "=openssl, but OpenSSL is not available: add io.netty:netty-tcnative-boringssl-static "
                            + "for this platform (" + (cause == null ? "unknown cause" : cause.getMessage()) + ")");
                }
                yield SslProvider.OPENSSL;
            }
        };
    }

    /**
     * A TLS handler for one connection to {@code endpoint}: SNI and host name verification use its host.
     *
     * @param handshakeTimeoutMs bounds the TLS handshake (the connection attempt's setup timeout)
     */
    public SslHandler newHandler(ByteBufAllocator alloc, Endpoint endpoint, long handshakeTimeoutMs) {
        SslHandler handler = context.newHandler(alloc, endpoint.host(), endpoint.port());
        handler.setHandshakeTimeoutMillis(handshakeTimeoutMs);
        return handler;
    }

    /** The engine in use: {@code openssl} or {@code jdk}. */
    public String engine() {
        return provider == SslProvider.JDK ? "jdk" : "openssl";
    }

    /** Whether the broker's certificate must name the host connected to. */
    public boolean verifiesHostname() {
        return verifyHostname;
    }

    @Override
    public String toString() {
        return "TlsSettings(engine " + engine() + ", host name verification " + (verifyHostname ? "on" : "off")
                + ", client certificate " + (clientCertificate ? "yes" : "no") + ")";
    }
}
