package io.brook.core.internal.network;

import io.brook.common.errors.NetworkException;
import io.brook.common.errors.UnsupportedVersionException;
import io.brook.core.Time;
import io.brook.protocol.ApiKey;
import io.brook.protocol.ApiMessage;
import io.brook.protocol.Errors;
import io.brook.protocol.message.ApiVersionsRequest;
import io.brook.protocol.message.ApiVersionsResponse;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.concurrent.CompletableFuture;

/**
 * Pipeline handler {@code api-versions-handshake}: as soon as the socket connects, asks the broker which API
 * versions it supports, and completes {@code result} with its {@link BrokerApiVersions}; only then is the
 * connection handed out. It removes itself when done.
 *
 * <p>The {@link VersionNegotiator} picks the version, as for every request: first the highest ApiVersions version
 * Brook has (within a user pin). A broker that does not know that version answers in v0 with UNSUPPORTED_VERSION
 * and its own ApiVersions range; the negotiator then picks from that range and the handshake retries once. Any
 * other failure (error code, timeout, disconnect) fails {@code result} and closes the channel.
 *
 * <p>Confined to its channel's event loop.
 */
final class ApiVersionsHandshake extends ChannelInboundHandlerAdapter {
    static final String NAME = "api-versions-handshake";
    /** Sent in ApiVersions v3+; the broker checks both against {@code [a-zA-Z0-9](?:[a-zA-Z0-9\-.]*[a-zA-Z0-9])?}. */
    static final String SOFTWARE_NAME = "brook-java";

    private final Endpoint endpoint;
    private final VersionNegotiator negotiator;
    private final Time time;
    private final long timeoutMs;
    private final String softwareVersion;
    private final CompletableFuture<BrokerApiVersions> result;

    /**
     * @param timeoutMs how long each ApiVersions attempt may take
     * @param result completed (on the event loop) when the handshake ends either way
     */
    ApiVersionsHandshake(Endpoint endpoint, VersionNegotiator negotiator, Time time, long timeoutMs,
            String softwareVersion, CompletableFuture<BrokerApiVersions> result) {
        this.endpoint = endpoint;
        this.negotiator = negotiator;
        this.time = time;
        this.timeoutMs = timeoutMs;
        this.softwareVersion = softwareVersion;
        this.result = result;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        ctx.fireChannelActive();
        send(ctx, negotiator.firstApiVersionsVersion());
    }

    private void send(ChannelHandlerContext ctx, short version) {
        ApiVersionsRequest request = ApiVersionsRequest.builder()
                .clientSoftwareName(SOFTWARE_NAME)
                .clientSoftwareVersion(softwareVersion)
                .build();
        CompletableFuture<ApiMessage> response = new CompletableFuture<>();
        PendingRequest pending = PendingRequest.of(endpoint, version, request, time.monotonicMs(), timeoutMs,
                response);
        // Settled on the event loop (by the in-flight or timeout handler), so the callback runs there too.
        response.whenComplete((r, error) -> {
            if (error != null) {
                fail(ctx, error);
            } else {
                onResponse(ctx, version, (ApiVersionsResponse) r);
            }
        });
        ctx.writeAndFlush(pending);
    }

    private void onResponse(ChannelHandlerContext ctx, short sentVersion, ApiVersionsResponse response) {
        short code = response.errorCode();
        if (code == Errors.UNSUPPORTED_VERSION.code()) {
            short retry;
            try {
                // The error answer lists the broker's own ApiVersions range; a broker that lists none gets v0.
                BrokerApiVersions brokerSide = BrokerApiVersions.from(response);
                if (!brokerSide.supports(ApiKey.API_VERSIONS)) {
                    brokerSide = BrokerApiVersions.of(java.util.Map.of(ApiKey.API_VERSIONS, VersionRange.exactly((short) 0)));
                }
                retry = negotiator.pick(ApiKey.API_VERSIONS, brokerSide, null, endpoint);
            } catch (UnsupportedVersionException e) {
                fail(ctx, e);
                return;
            }
            if (retry < sentVersion) {
                send(ctx, retry);
                return;
            }
            fail(ctx, new UnsupportedVersionException("Broker " + endpoint + " rejected ApiVersions v" + sentVersion
                    + " although it claims to support it"));
            return;
        }
        if (code != Errors.NONE.code()) {
            Errors error = Errors.forCode(code);
            fail(ctx, error.exception("ApiVersions handshake with " + endpoint + " failed: " + error.name()));
            return;
        }
        if (result.complete(BrokerApiVersions.from(response))) {
            ctx.pipeline().remove(this);
        }
    }

    private void fail(ChannelHandlerContext ctx, Throwable error) {
        if (result.completeExceptionally(error)) {
            ctx.close();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        // Normally the in-flight handler already failed the ApiVersions request with the reason; this covers a
        // close before the request was written.
        result.completeExceptionally(new NetworkException("Connection to " + endpoint
                + " closed during the ApiVersions handshake"));
        ctx.fireChannelInactive();
    }
}
