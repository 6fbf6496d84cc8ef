package io.brook.testkit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BrokerProbeTest {

    @Test
    void requestIsAMetadataV4FrameForNoTopics() throws IOException {
        DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(BrokerProbe.metadataRequest()));
        int size = in.readInt();
        assertThat(size).isEqualTo(BrokerProbe.metadataRequest().length - 4);
        assertThat(in.readShort()).as("api key").isEqualTo((short) 3);
        assertThat(in.readShort()).as("api version").isEqualTo((short) 4);
        int correlationId = in.readInt();
        byte[] clientId = new byte[in.readShort()];
        in.readFully(clientId);
        assertThat(new String(clientId, StandardCharsets.UTF_8)).isEqualTo("brook-testkit-probe");
        assertThat(in.readInt()).as("topic count").isZero();
        assertThat(in.readBoolean()).as("allow auto topic creation").isFalse();
        assertThat(in.available()).isZero();
        assertThat(correlationId).isNotZero();
    }

    @Test
    void parsesBrokerIdsWithAndWithoutRack() throws IOException {
        byte[] frame = response(correlationIdOfRequest(), new int[] {2, 0}, new String[] {null, "rack-a"});

        assertThat(BrokerProbe.parseBrokerIds(frame)).containsExactly(0, 2);
    }

    @Test
    void rejectsAResponseToAnotherRequest() throws IOException {
        byte[] frame = response(correlationIdOfRequest() + 1, new int[] {0}, new String[] {null});

        assertThatThrownBy(() -> BrokerProbe.parseBrokerIds(frame)).isInstanceOf(IOException.class);
    }

    @Test
    void probesAServerThatAnswersLikeABroker() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread fakeBroker = new Thread(() -> answerOnce(server), "fake-broker");
            fakeBroker.start();

            Optional<Set<Integer>> live = BrokerProbe.liveBrokers("127.0.0.1", server.getLocalPort(), 2_000);

            fakeBroker.join(5_000);
            assertThat(live).contains(Set.of(0, 1, 2));
        }
    }

    @Test
    void reportsNothingWhenNobodyListens() throws IOException {
        int port;
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = server.getLocalPort();
        }
        assertThat(BrokerProbe.liveBrokers("127.0.0.1", port, 500)).isEmpty();
    }

    private static void answerOnce(ServerSocket server) {
        try (Socket socket = server.accept()) {
            DataInputStream in = new DataInputStream(socket.getInputStream());
            byte[] request = new byte[in.readInt()];
            in.readFully(request);
            OutputStream out = socket.getOutputStream();
            byte[] frame = response(correlationIdOfRequest(), new int[] {0, 1, 2}, new String[] {null, null, null});
            new DataOutputStream(out).writeInt(frame.length);
            out.write(frame);
            out.flush();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int correlationIdOfRequest() {
        try {
            DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(BrokerProbe.metadataRequest()));
            in.readInt();
            in.readShort();
            in.readShort();
            return in.readInt();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A Metadata v4 response body: correlation id, throttle, brokers, cluster id, controller, no topics. */
    private static byte[] response(int correlationId, int[] nodeIds, String[] racks) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeInt(correlationId);
            out.writeInt(0);
            out.writeInt(nodeIds.length);
            for (int i = 0; i < nodeIds.length; i++) {
                out.writeInt(nodeIds[i]);
                out.writeShort(9);
                out.write("127.0.0.1".getBytes(StandardCharsets.UTF_8));
                out.writeInt(9092 + i);
                if (racks[i] == null) {
                    out.writeShort(-1);
                } else {
                    out.writeShort(racks[i].length());
                    out.write(racks[i].getBytes(StandardCharsets.UTF_8));
                }
            }
            out.writeShort(-1); // cluster id
            out.writeInt(nodeIds[0]); // controller id
            out.writeInt(0); // topics
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
