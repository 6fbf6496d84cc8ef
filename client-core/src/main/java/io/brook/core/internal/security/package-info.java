/**
 * Internal: TLS and SASL for every client. {@code SecurityConfigMapping} turns the {@code security.protocol},
 * {@code ssl.*} and {@code sasl.*} keys into {@code SecuritySettings} ({@code TlsSettings} with the stores and one
 * Netty {@code SslContext}, {@code SaslSettings}); the exchanges ({@code PlainExchange}, {@code ScramExchange},
 * {@code OAuthBearerExchange}) run after ApiVersions and before a connection is handed out; {@code TlsFailures}
 * and {@code ClassifyingTrustManager} say which TLS check failed. Secrets are never logged or printed.
 */
package io.brook.core.internal.security;
