package io.brook.it.golden;

import io.brook.protocol.ApiKey;
import io.brook.protocol.RequestHeader;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A recording TCP relay on loopback, for {@link RequestCapture}: clients connect to {@link #port()}, every
 * connection is relayed byte for byte to the broker given to {@link #relayTo}, and the proxy keeps, for each
 * (API, version), the first request body (size prefix and request header stripped) sent by a client whose client
 * id {@code recordClient} accepts. Nothing is rewritten in either direction: the broker is made to advertise the
 * proxy's port instead, so that clients come back through it after bootstrapping.
 *
 * <p>A request of an API Brook does not know, or of a version outside Brook's range, is not kept but listed
 * ({@link #notKept()}), so the capture can say what it could not pin.
 *
 * <p>Threads: one acceptor ({@code request-capture-accept}) and two relay threads per connection
 * ({@code request-capture-<n>-up} parses and records client-to-broker frames, {@code request-capture-<n>-down}
 * copies the answers). The recorded maps are concurrent; {@link #close()} closes every socket, which ends them all.
 */
final class RecordingProxy implements AutoCloseable {

    /** One kept request. */
    record CapturedRequest(ApiKey key, short version, String clientId, byte[] body) {
    }

    private final ServerSocket server;
    private final Predicate<String> recordClient;
    private final Map<String, CapturedRequest> first = new ConcurrentHashMap<>();
    private final Set<String> notKept = ConcurrentHashMap.newKeySet();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();
    private volatile InetSocketAddress target;
    private volatile boolean closed;

    private RecordingProxy(ServerSocket server, Predicate<String> recordClient) {
        this.server = server;
        this.recordClient = recordClient;
    }

    /** Binds a free loopback port; nothing is accepted until {@link #relayTo}. */
    static RecordingProxy open(Predicate<String> recordClient) throws IOException {
        ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        return new RecordingProxy(server, recordClient);
    }

    int port() {
        return server.getLocalPort();
    }

    /** {@code host:port} of the proxy, for a client's {@code bootstrap.servers}. */
    String address() {
        return server.getInetAddress().getHostAddress() + ":" + port();
    }

    /** Starts accepting; each connection is relayed to the first address of {@code bootstrapServers}. */
    void relayTo(String bootstrapServers) {
        String first = bootstrapServers.split(",")[0].trim();
        int colon = first.lastIndexOf(':');
        target = new InetSocketAddress(first.substring(0, colon), Integer.parseInt(first.substring(colon + 1)));
        start("request-capture-accept", this::acceptLoop);
    }

    /** The kept requests, ordered by API key id then version. */
    List<CapturedRequest> captured() {
        List<CapturedRequest> all = new ArrayList<>(first.values());
        all.sort(Comparator.comparingInt((CapturedRequest c) -> c.key().id()).thenComparingInt(c -> c.version()));
        return all;
    }

    /** Requests of recorded clients that were relayed but not kept, as {@code "key 75 v0"} or {@code "Fetch v19"}. */
    Set<String> notKept() {
        return new TreeSet<>(notKept);
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket client = server.accept();
                Socket broker = new Socket();
                sockets.add(client);
                sockets.add(broker);
                broker.connect(target, 10_000);
                client.setTcpNoDelay(true);
                broker.setTcpNoDelay(true);
                int n = connections.incrementAndGet();
                AtomicInteger open = new AtomicInteger(2);
                start("request-capture-" + n + "-up", () -> relay(client, broker, open, true));
                start("request-capture-" + n + "-down", () -> relay(broker, client, open, false));
            } catch (IOException e) {
                if (!closed) {
                    System.err.println("request capture proxy: accept failed: " + e);
                }
            }
        }
    }

    /**
     * Copies one direction until its end of stream, which is passed on as a half-close; the sockets are closed
     * once both directions ended, or at once after an error. Client-to-broker bytes are read frame by frame and
     * recorded before they are forwarded.
     */
    private void relay(Socket from, Socket to, AtomicInteger open, boolean requests) {
        boolean clean = false;
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(from.getInputStream()))) {
            OutputStream out = to.getOutputStream();
            if (requests) {
                relayFrames(in, out);
            } else {
                in.transferTo(out);
            }
            to.shutdownOutput();
            clean = true;
        } catch (IOException e) {
            // Either side went away: end the connection.
        } finally {
            if (!clean || open.decrementAndGet() == 0) {
                closeQuietly(from);
                closeQuietly(to);
            }
        }
    }

    private void relayFrames(DataInputStream in, OutputStream to) throws IOException {
        DataOutputStream out = new DataOutputStream(to);
        while (true) {
            int size;
            try {
                size = in.readInt();
            } catch (EOFException end) {
                return;
            }
            byte[] frame = new byte[size];
            in.readFully(frame);
            record(frame);
            out.writeInt(size);
            out.write(frame);
            out.flush();
        }
    }

    /** Parses the request header of {@code frame} and keeps the body if it is the first of its (API, version). */
    void record(byte[] frame) {
        ByteBuf buf = Unpooled.wrappedBuffer(frame);
        RequestHeader header;
        try {
            header = RequestHeader.read(buf);
        } catch (RuntimeException e) {
            notKept.add("unreadable request header (" + e.getMessage() + ")");
            return;
        }
        if (!recordClient.test(header.clientId())) {
            return;
        }
        ApiKey key = ApiKey.forId(header.apiKey());
        short version = header.apiVersion();
        if (key == null) {
            notKept.add("key " + header.apiKey() + " v" + version);
            return;
        }
        if (version < key.lowestVersion() || version > key.highestVersion()) {
            notKept.add(key.apiName() + " v" + version);
            return;
        }
        byte[] body = new byte[buf.readableBytes()];
        buf.readBytes(body);
        first.putIfAbsent(key.apiName() + " v" + version,
                new CapturedRequest(key, version, header.clientId(), body));
    }

    private static void start(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        server.close();
        sockets.forEach(RecordingProxy::closeQuietly);
    }

    /** How many client connections were accepted; for the capture's summary. */
    int connections() {
        return connections.get();
    }
}
