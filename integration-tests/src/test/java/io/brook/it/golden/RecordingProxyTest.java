package io.brook.it.golden;

import static org.assertj.core.api.Assertions.assertThat;

import io.brook.it.golden.RequestRecorder.CapturedRequest;
import io.brook.protocol.ApiKey;
import io.brook.protocol.ApiMessage;
import io.brook.protocol.RequestHeader;
import io.brook.protocol.message.MetadataRequest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@link RecordingProxy} and {@link RequestRecorder} against a stand-in broker (a loopback socket that reads everything, then answers): bytes
 * pass unchanged both ways, and only the first body of each (API, version) from a recorded client is kept, header
 * stripped.
 */
class RecordingProxyTest {
    private static final byte[] ANSWER = "the broker's bytes, whatever they are".getBytes(StandardCharsets.UTF_8);

    @Test
    void relaysBytesUnchangedAndKeepsTheFirstBodyOfEachApiVersionFromRecordedClients() throws Exception {
        MetadataRequest first = MetadataRequest.builder().topics(List.of(
                MetadataRequest.MetadataRequestTopic.builder().name("orders").build())).build();
        MetadataRequest second = MetadataRequest.builder().topics(null).build();
        ByteArrayOutputStream sent = new ByteArrayOutputStream();
        sent.writeBytes(frame(first, (short) 12, "golden-admin"));
        sent.writeBytes(frame(second, (short) 12, "golden-admin"));       // same API and version: not kept
        sent.writeBytes(frame(second, (short) 11, "someone-else"));       // not a recorded client
        sent.writeBytes(rawFrame((short) 75, (short) 0, "golden-admin")); // an API Brook does not know
        sent.writeBytes(rawFrame(ApiKey.FETCH.id(), (short) 99, "golden-consumer"));

        RequestRecorder recorder = new RequestRecorder(id -> id != null && id.startsWith("golden-"));
        try (ServerSocket broker = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             RecordingProxy proxy = RecordingProxy.open(recorder)) {
            CompletableFuture<byte[]> brokerSaw = CompletableFuture.supplyAsync(() -> answerOnce(broker));
            proxy.relayTo("127.0.0.1:" + broker.getLocalPort() + ",127.0.0.1:1");
            byte[] answer;
            try (Socket client = new Socket(InetAddress.getLoopbackAddress(), proxy.port())) {
                client.getOutputStream().write(sent.toByteArray());
                client.shutdownOutput();
                answer = client.getInputStream().readAllBytes();
            }

            assertThat(brokerSaw.get(10, TimeUnit.SECONDS)).isEqualTo(sent.toByteArray());
            assertThat(answer).isEqualTo(ANSWER);
            List<CapturedRequest> captured = recorder.captured();
            assertThat(captured).hasSize(1);
            CapturedRequest kept = captured.get(0);
            assertThat(kept.key()).isEqualTo(ApiKey.METADATA);
            assertThat(kept.version()).isEqualTo((short) 12);
            assertThat(kept.clientId()).isEqualTo("golden-admin");
            assertThat(kept.body()).isEqualTo(body(first, (short) 12));
            assertThat(recorder.notKept()).containsExactly("Fetch v99", "key 75 v0");
            assertThat(proxy.connections()).isEqualTo(1);
        }
    }

    /** The stand-in broker: reads until the client stops sending, answers, hangs up. */
    private static byte[] answerOnce(ServerSocket server) {
        try (Socket socket = server.accept(); InputStream in = socket.getInputStream()) {
            byte[] received = in.readAllBytes();
            socket.getOutputStream().write(ANSWER);
            return received;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] frame(ApiMessage body, short version, String clientId) {
        RequestHeader header = new RequestHeader(body.apiKey(), version, 7, clientId);
        short headerVersion = body.apiKey().requestHeaderVersion(version);
        ByteBuf buf = Unpooled.buffer();
        buf.writeInt(header.size(headerVersion) + body.size(version));
        header.write(buf, headerVersion);
        body.write(buf, version);
        return bytes(buf);
    }

    /** A frame with the header a broker would expect and a 3-byte body that Brook never parses. */
    private static byte[] rawFrame(short apiKey, short version, String clientId) {
        RequestHeader header = new RequestHeader(apiKey, version, 8, clientId);
        short headerVersion = header.headerVersion();
        ByteBuf buf = Unpooled.buffer();
        buf.writeInt(header.size(headerVersion) + 3);
        header.write(buf, headerVersion);
        buf.writeBytes(new byte[] {1, 2, 3});
        return bytes(buf);
    }

    private static byte[] body(ApiMessage body, short version) {
        ByteBuf buf = Unpooled.buffer();
        body.write(buf, version);
        return bytes(buf);
    }

    private static byte[] bytes(ByteBuf buf) {
        byte[] bytes = new byte[buf.readableBytes()];
        buf.readBytes(bytes);
        buf.release();
        return bytes;
    }
}
