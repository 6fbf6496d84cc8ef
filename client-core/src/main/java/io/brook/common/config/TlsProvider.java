package io.brook.common.config;

import java.util.Locale;

/** Which TLS engine Brook uses ({@code brook.ssl.provider}). */
public enum TlsProvider {
    /** OpenSSL (BoringSSL through netty-tcnative) when it loads on this platform, else the JDK's engine. */
    AUTO,
    /** Always the JDK's {@code SSLEngine}. */
    JDK,
    /** Always OpenSSL; creating the client fails if netty-tcnative is missing or does not load. */
    OPENSSL;

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
