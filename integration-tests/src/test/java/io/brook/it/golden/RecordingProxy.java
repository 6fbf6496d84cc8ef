package io.brook.it.golden;

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
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A recording TCP relay on loopback, for {@link RequestCapture}: clients connect to {@link #port()}, every
 * connection is relayed byte for byte to the broker listener given to {@link #relayTo}, and each client-to-broker
 * frame is handed to a {@link RequestRecorder} before it is forwarded. Nothing is rewritten in either direction: the
 * broker is made to advertise the proxy's port instead, so that clients come back through it after bootstrapping.
 *
 * <p>Threads: one acceptor ({@code request-capture-<port>-accept}) and two relay threads per connection
 * ({@code request-capture-<port>-<n>-up} reads, records and forwards requests, {@code ...-down} copies the
 * answers). {@link #close()} closes every socket, which ends them all.
 */
final class RecordingProxy implements AutoCloseable {
    private final ServerSocket server;
    private final RequestRecorder recorder;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();
    private volatile InetSocketAddress target;
    private volatile boolean closed;

    private RecordingProxy(ServerSocket server, RequestRecorder recorder) {
        this.server = server;
        this.recorder = recorder;
    }

    /** Binds a free loopback port; nothing is accepted until {@link #relayTo}. */
    static RecordingProxy open(RequestRecorder recorder) throws IOException {
        ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        return new RecordingProxy(server, recorder);
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
        start("request-capture-" + port() + "-accept", this::acceptLoop);
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
                String name = "request-capture-" + port() + "-" + n;
                start(name + "-up", () -> relay(client, broker, open, true));
                start(name + "-down", () -> relay(broker, client, open, false));
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
        try {
            // Not closed here: closing a socket's stream closes the socket, and the other direction may still run.
            DataInputStream in = new DataInputStream(new BufferedInputStream(from.getInputStream()));
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
            recorder.record(frame);
            out.writeInt(size);
            out.write(frame);
            out.flush();
        }
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
