package io.brook.core.internal.network;

import io.brook.core.Time;
import io.brook.core.internal.security.SecuritySettings;
import io.brook.core.internal.security.TlsHandshakeGate;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import java.util.concurrent.CompletableFuture;

/**
 * The one place Brook's client pipeline is built. Handlers, head (socket) to tail, each with one job:
 * <ol>
 *   <li>{@value #TLS} (SSL and SASL_SSL only): the {@code SslHandler}, before any framing;</li>
 *   <li>{@link TlsHandshakeGate#NAME} (with TLS): holds channel-active back until the TLS handshake is done, and
 *       fails the connection with a typed {@code SslAuthenticationException} if it fails;</li>
 *   <li>{@link ResponseFrameDecoder#NAME}: splits inbound bytes into size-prefixed frames;</li>
 *   <li>{@link RequestEncoder#NAME}: writes size, header and body into one pooled buffer;</li>
 *   <li>{@link InFlightRequests#NAME}: correlation ids, response decoding, failing requests on close;</li>
 *   <li>{@link RequestTimeouts#NAME}: request deadlines, checked on the event loop;</li>
 *   <li>{@link ApiVersionsHandshake#NAME}: ApiVersions on connect; without SASL it completes {@code handshake};</li>
 *   <li>{@link SaslAuthenticator#NAME} (SASL_PLAINTEXT and SASL_SSL only): SaslHandshake and SaslAuthenticate
 *       once ApiVersions is done; the connection's readiness ({@code handshake}) is its completion, and it stays
 *       to re-authenticate before the broker's session ends.</li>
 * </ol>
 *
 * <p>Immutable; used once per channel.
 */
final class BrokerChannelInitializer extends ChannelInitializer<Channel> {
    /** The name of the {@code SslHandler}. */
    static final String TLS = "tls";

    private final Endpoint endpoint;
    private final VersionNegotiator negotiator;
    private final NetworkConfig config;
    private final Time time;
    private final long timeoutTickMs;
    private final long handshakeTimeoutMs;
    private final String softwareVersion;
    private final CompletableFuture<BrokerApiVersions> handshake;

    /** @param handshakeTimeoutMs bounds each ApiVersions attempt: the connection attempt's setup timeout */
    BrokerChannelInitializer(Endpoint endpoint, VersionNegotiator negotiator, NetworkConfig config, Time time,
            long timeoutTickMs, long handshakeTimeoutMs, String softwareVersion,
            CompletableFuture<BrokerApiVersions> handshake) {
        this.endpoint = endpoint;
        this.negotiator = negotiator;
        this.config = config;
        this.time = time;
        this.timeoutTickMs = timeoutTickMs;
        this.handshakeTimeoutMs = handshakeTimeoutMs;
        this.softwareVersion = softwareVersion;
        this.handshake = handshake;
    }

    @Override
    protected void initChannel(Channel ch) {
        addHandlers(ch);
    }

    private void addHandlers(Channel ch) {
        ChannelPipeline p = ch.pipeline();
        SecuritySettings security = config.security();
        if (security.tls() != null) {
            p.addLast(TLS, security.tls().newHandler(ch.alloc(), endpoint, handshakeTimeoutMs));
            p.addLast(TlsHandshakeGate.NAME, new TlsHandshakeGate(endpoint, handshake));
        }
        addRequestHandlers(p, config, time, timeoutTickMs);
        // With SASL, ApiVersions is only the first step of the connection's readiness.
        CompletableFuture<BrokerApiVersions> apiVersions = security.sasl() == null ? handshake
                : new CompletableFuture<>();
        p.addLast(ApiVersionsHandshake.NAME, new ApiVersionsHandshake(endpoint, negotiator, time, handshakeTimeoutMs,
                softwareVersion, apiVersions));
        if (security.sasl() != null) {
            p.addLast(SaslAuthenticator.NAME, new SaslAuthenticator(endpoint, time, handshakeTimeoutMs,
                    security.sasl(), negotiator, apiVersions, handshake));
        }
    }

    /**
     * Adds the request/response handlers (framing, encoding, correlation, timeouts) without any handshake. Part of
     * {@link #initChannel}; tests use it alone to exercise them on an {@code EmbeddedChannel}.
     */
    static void addRequestHandlers(ChannelPipeline p, NetworkConfig config, Time time, long timeoutTickMs) {
        p.addLast(ResponseFrameDecoder.NAME, new ResponseFrameDecoder(config.maxResponseSizeBytes()));
        p.addLast(RequestEncoder.NAME, new RequestEncoder());
        p.addLast(InFlightRequests.NAME, new InFlightRequests(config.clientId()));
        p.addLast(RequestTimeouts.NAME, new RequestTimeouts(time, timeoutTickMs));
    }
}
