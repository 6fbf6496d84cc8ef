package io.brook.core.internal.network;

import io.brook.protocol.ApiKey;
import io.brook.protocol.ApiMessage;
import io.brook.protocol.Releasable;
import io.brook.protocol.RequestHeader;
import io.brook.protocol.ResponseHeader;
import io.brook.protocol.message.ApiVersionsResponse;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * An in-process broker for fault injection in unit tests: a Netty server on loopback that decodes real request
 * frames with Brook's codec and answers as scripted per API: a message (at the request's version or another),
 * after a delay, not at all, with a disconnect, or with raw (malformed) bytes. ApiVersions is answered with
 * Brook's full ranges unless scripted otherwise. It is not a Kafka implementation.
 *
 * <p>Thread-safe: scripts and records are concurrent collections; the server runs on its own two threads
 * ({@code fake-broker-*}), stopped by {@link #close()}.
 */
final class FakeBroker implements AutoCloseable {

    /** A request as the broker received it. The body's record buffers (if any) are released after replying. */
    record Received(ApiKey api, short version, int correlationId, String clientId, ApiMessage body) {}

    /** How to answer one request. */
    sealed interface Reply {
        /** The body, encoded at the request's version. */
        static Reply with(ApiMessage body) {
            return new Message(body, -1, -1);
        }

        /** The body encoded at {@code version}, with response header {@code headerVersion}. */
        static Reply at(ApiMessage body, int version, int headerVersion) {
            return new Message(body, version, headerVersion);
        }

        static Reply delayed(long ms, Reply then) {
            return new Delayed(ms, then);
        }

        /** {@code then}, once {@code gate} completes (at once if it has). */
        static Reply after(java.util.concurrent.CompletableFuture<?> gate, Reply then) {
            return new Gated(gate, then);
        }

        static Reply disconnect() {
            return new Disconnect();
        }

        static Reply none() {
            return new None();
        }

        /** A frame holding the request's correlation id followed by {@code bytes} (no valid header/body). */
        static Reply rawAfterCorrelationId(byte[] bytes) {
            return new RawFrame(bytes);
        }

        /** These exact bytes on the socket, framing and all. */
        static Reply rawBytes(byte[] bytes) {
            return new RawBytes(bytes);
        }
    }

    record Message(ApiMessage body, int version, int headerVersion) implements Reply {}

    record Delayed(long ms, Reply then) implements Reply {}

    record Gated(java.util.concurrent.CompletableFuture<?> gate, Reply then) implements Reply {}

    record Disconnect() implements Reply {}

    record None() implements Reply {}

    record RawFrame(byte[] bytes) implements Reply {}

    record RawBytes(byte[] bytes) implements Reply {}

    private final EventLoopGroup group;
    private final Channel server;
    private final ChannelGroup clients;
    private final Map<ApiKey, Function<Received, Reply>> scripts = new ConcurrentHashMap<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger accepted = new AtomicInteger();

    private FakeBroker(int port) throws InterruptedException {
        group = new MultiThreadIoEventLoopGroup(2, new DefaultThreadFactory("fake-broker", true),
                NioIoHandler.newFactory());
        clients = new DefaultChannelGroup(group.next());
        server = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        accepted.incrementAndGet();
                        clients.add(ch);
                        ch.pipeline().addLast(new LengthFieldBasedFrameDecoder(100 << 20, 0, 4, 0, 4));
                        ch.pipeline().addLast(new RequestHandler());
                    }
                })
                .bind("127.0.0.1", port).sync().channel();
        on(ApiKey.API_VERSIONS, r -> Reply.with(allApiVersions()));
    }

    /** Starts on an ephemeral loopback port. */
    static FakeBroker start() throws InterruptedException {
        return new FakeBroker(0);
    }

    /** Starts on {@code port}, e.g. the port of a broker that was closed, to simulate a restart. */
    static FakeBroker start(int port) throws InterruptedException {
        return new FakeBroker(port);
    }

    int port() {
        return ((java.net.InetSocketAddress) server.localAddress()).getPort();
    }

    Endpoint endpoint(int nodeId) {
        return new Endpoint(nodeId, "127.0.0.1", port());
    }

    /** Answers requests of {@code api} with {@code script}; replaces any earlier script for it. */
    FakeBroker on(ApiKey api, Function<Received, Reply> script) {
        scripts.put(api, script);
        return this;
    }

    /** Every request received so far, in arrival order. */
    List<Received> received() {
        return new ArrayList<>(received);
    }

    /** Received requests of one API. */
    List<Received> received(ApiKey api) {
        return received.stream().filter(r -> r.api() == api).toList();
    }

    /** Connections accepted so far. */
    int connectionsAccepted() {
        return accepted.get();
    }

    /** Connections open now. */
    int openConnections() {
        return clients.size();
    }

    /** Closes every client connection, keeping the server listening. */
    void disconnectAll() throws InterruptedException {
        clients.close().sync();
    }

    @Override
    public void close() throws InterruptedException {
        server.close().sync();
        clients.close().sync();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
    }

    /** An ApiVersions response (v0-compatible) listing Brook's full range of every API. */
    static ApiVersionsResponse allApiVersions() {
        List<ApiVersionsResponse.ApiVersion> versions = new ArrayList<>();
        for (ApiKey api : ApiKey.values()) {
            versions.add(ApiVersionsResponse.ApiVersion.builder()
                    .apiKey(api.id()).minVersion(api.lowestVersion()).maxVersion(api.highestVersion()).build());
        }
        return ApiVersionsResponse.builder().errorCode((short) 0).apiKeys(versions).build();
    }

    /** An ApiVersions response like {@link #allApiVersions()} but with {@code api} limited to {@code range}. */
    static ApiVersionsResponse apiVersionsWith(ApiKey api, VersionRange range) {
        List<ApiVersionsResponse.ApiVersion> versions = new ArrayList<>();
        for (ApiKey a : ApiKey.values()) {
            VersionRange r = a == api ? range : VersionNegotiator.brookRange(a);
            versions.add(ApiVersionsResponse.ApiVersion.builder()
                    .apiKey(a.id()).minVersion(r.min()).maxVersion(r.max()).build());
        }
        return ApiVersionsResponse.builder().errorCode((short) 0).apiKeys(versions).build();
    }

    /** Decodes a request frame, records it and replies as scripted. Runs on the connection's event loop. */
    private final class RequestHandler extends SimpleChannelInboundHandler<ByteBuf> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, ByteBuf frame) {
            ApiKey api = ApiKey.forId(frame.getShort(frame.readerIndex()));
            short version = frame.getShort(frame.readerIndex() + 2);
            // A request at a version the API lacks: decode only the header, as a real broker does for ApiVersions.
            short readVersion = (short) Math.min(Math.max(version, api.lowestVersion()), api.highestVersion());
            RequestHeader header = RequestHeader.read(frame, api.requestHeaderVersion(readVersion));
            ApiMessage body = version == readVersion ? api.readRequest(frame, version) : null;
            Received request = new Received(api, version, header.correlationId(), header.clientId(), body);
            received.add(request);
            Function<Received, Reply> script = scripts.get(api);
            try {
                if (script != null) {
                    reply(ctx, request, script.apply(request));
                }
            } finally {
                if (body instanceof Releasable r) {
                    r.release();
                }
            }
        }

        private void reply(ChannelHandlerContext ctx, Received request, Reply reply) {
            // Java 17: no pattern matching in switch yet.
            if (reply instanceof Message m) {
                ctx.writeAndFlush(encode(request, m, ctx));
            } else if (reply instanceof Delayed d) {
                ctx.executor().schedule(() -> reply(ctx, request, d.then()), d.ms(), TimeUnit.MILLISECONDS);
            } else if (reply instanceof Gated g) {
                g.gate().whenComplete((v, e) -> ctx.executor().execute(() -> reply(ctx, request, g.then())));
            } else if (reply instanceof Disconnect) {
                ctx.close();
            } else if (reply instanceof RawFrame f) {
                ByteBuf out = ctx.alloc().buffer(8 + f.bytes().length);
                out.writeInt(4 + f.bytes().length).writeInt(request.correlationId()).writeBytes(f.bytes());
                ctx.writeAndFlush(out);
            } else if (reply instanceof RawBytes b) {
                ctx.writeAndFlush(ctx.alloc().buffer(b.bytes().length).writeBytes(b.bytes()));
            }
            // None: never answer.
        }

        private ByteBuf encode(Received request, Message m, ChannelHandlerContext ctx) {
            short version = m.version() < 0 ? request.version() : (short) m.version();
            short headerVersion = m.headerVersion() < 0
                    ? request.api().responseHeaderVersion(version) : (short) m.headerVersion();
            ResponseHeader header = new ResponseHeader(request.correlationId());
            int size = header.size(headerVersion) + m.body().size(version);
            ByteBuf out = ctx.alloc().buffer(4 + size);
            out.writeInt(size);
            header.write(out, headerVersion);
            m.body().write(out, version);
            return out;
        }
    }
}
