package io.brook.core.internal.network;

import io.brook.core.Time;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import java.util.concurrent.CompletableFuture;

/**
 * The one place Brook's client pipeline is built. Handlers, head (socket) to tail, each with one job:
 * <ol>
 *   <li>(slot) {@code tls}: an {@code SslHandler} goes first once TLS is supported;</li>
 *   <li>{@link ResponseFrameDecoder#NAME}: splits inbound bytes into size-prefixed frames;</li>
 *   <li>{@link RequestEncoder#NAME}: writes size, header and body into one pooled buffer;</li>
 *   <li>{@link InFlightRequests#NAME}: correlation ids, response decoding, failing requests on close;</li>
 *   <li>{@link RequestTimeouts#NAME}: request deadlines, checked on the event loop;</li>
 *   <li>{@link ApiVersionsHandshake#NAME}: ApiVersions on connect; completes {@code handshake};</li>
 *   <li>(slot) {@code sasl-handshake}: SaslHandshake + SaslAuthenticate go after ApiVersions once SASL is
 *       supported; the connection's readiness will then be that stage's completion, not ApiVersions'.</li>
 * </ol>
 *
 * <p>Immutable; used once per channel.
 */
final class BrokerChannelInitializer extends ChannelInitializer<Channel> {
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
        addHandlers(ch.pipeline());
    }

    private void addHandlers(ChannelPipeline p) {
        // (slot) TLS: p.addLast("tls", sslHandler) goes here, before any framing.
        addRequestHandlers(p, config, time, timeoutTickMs);
        p.addLast(ApiVersionsHandshake.NAME, new ApiVersionsHandshake(endpoint, negotiator, time, handshakeTimeoutMs,
                softwareVersion, handshake));
        // (slot) SASL: p.addLast("sasl-handshake", ...) goes here, started when ApiVersions completes.
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
