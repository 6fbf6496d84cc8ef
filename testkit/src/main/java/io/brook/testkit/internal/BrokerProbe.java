package io.brook.testkit.internal;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Asks one broker, over a plain socket, which brokers it currently knows as live: a Metadata request (version 4,
 * for no topics) whose response lists the unfenced brokers in the broker's metadata image. A broker only answers
 * once it has caught up with the controller quorum, so an answer means it is ready for clients.
 *
 * <p>Hand-written on purpose: the testkit must work without Brook's own client (which it is used to test) and
 * without Kafka's. Version 4 is non-flexible (no varints) and served by every KRaft broker. Stateless.
 */
final class BrokerProbe {

    private static final short METADATA_API_KEY = 3;
    private static final short METADATA_VERSION = 4;
    private static final int CORRELATION_ID = 0x6272_6f6b;
    private static final byte[] CLIENT_ID = "brook-testkit-probe".getBytes(StandardCharsets.UTF_8);
    /** Metadata responses for no topics are small; anything bigger means we are not talking to Kafka. */
    private static final int MAX_RESPONSE_BYTES = 1 << 20;

    private BrokerProbe() {
    }

    /**
     * The node ids of the brokers the given broker reports as live, or empty if it does not answer (not up
     * yet, refusing connections, or too slow).
     *
     * @param timeoutMillis the connect timeout and the read timeout
     */
    static Optional<Set<Integer>> liveBrokers(String host, int port, int timeoutMillis) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), timeoutMillis);
            socket.setSoTimeout(timeoutMillis);
            socket.setTcpNoDelay(true);
            socket.getOutputStream().write(metadataRequest());
            socket.getOutputStream().flush();
            return Optional.of(parseBrokerIds(readFrame(socket.getInputStream())));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    static byte[] metadataRequest() {
        try {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(body);
            out.writeShort(METADATA_API_KEY);
            out.writeShort(METADATA_VERSION);
            out.writeInt(CORRELATION_ID);
            out.writeShort(CLIENT_ID.length);
            out.write(CLIENT_ID);
            out.writeInt(0); // topics: an empty array asks for no topics (null would mean all)
            out.writeBoolean(false); // allow_auto_topic_creation
            ByteArrayOutputStream frame = new ByteArrayOutputStream();
            new DataOutputStream(frame).writeInt(body.size());
            body.writeTo(frame);
            return frame.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory cannot fail", e);
        }
    }

    private static byte[] readFrame(InputStream in) throws IOException {
        DataInputStream data = new DataInputStream(in);
        int size = data.readInt();
        if (size < 12 || size > MAX_RESPONSE_BYTES) {
            throw new IOException("implausible Metadata response size " + size);
        }
        byte[] frame = new byte[size];
        data.readFully(frame);
        return frame;
    }

    /** Parses a Metadata v4 response frame (without its size prefix) down to the broker ids. */
    static Set<Integer> parseBrokerIds(byte[] frame) throws IOException {
        DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(frame));
        if (in.readInt() != CORRELATION_ID) {
            throw new IOException("Metadata response for another request");
        }
        in.readInt(); // throttle_time_ms
        int brokerCount = in.readInt();
        if (brokerCount < 0 || brokerCount > 10_000) {
            throw new IOException("implausible broker count " + brokerCount);
        }
        Set<Integer> ids = new TreeSet<>();
        for (int i = 0; i < brokerCount; i++) {
            ids.add(in.readInt());
            skipString(in, false); // host
            in.readInt(); // port
            skipString(in, true); // rack
        }
        return ids;
    }

    private static void skipString(DataInputStream in, boolean nullable) throws IOException {
        int length = in.readShort();
        if (length < 0 && !(nullable && length == -1)) {
            throw new IOException("bad string length " + length);
        }
        if (length > 0) {
            in.skipNBytes(length);
        }
    }
}
