package io.brook.testkit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DockerProbeTest {

    @TempDir
    Path directory;

    @Test
    void statusLineMustSay200() {
        assertThat(DockerProbe.isOk("HTTP/1.1 200 OK\r\n")).isTrue();
        assertThat(DockerProbe.isOk("HTTP/1.0 404 Not")).isFalse();
        assertThat(DockerProbe.isOk("SSH-2.0-OpenSSH")).isFalse();
        assertThat(DockerProbe.isOk("")).isFalse();
    }

    @Test
    void tcpEndpointThatAnswersPingCounts() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread engine = new Thread(() -> answer(server, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nOK"),
                    "fake-docker-engine");
            engine.start();

            boolean answered = DockerProbe.ping("tcp://127.0.0.1:" + server.getLocalPort());

            engine.join(5_000);
            assertThat(answered).isTrue();
        }
    }

    @Test
    void tcpEndpointThatAnswersSomethingElseDoesNotCount() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread other = new Thread(() -> answer(server, "HTTP/1.1 404 Not Found\r\n\r\n"), "fake-web-server");
            other.start();

            boolean answered = DockerProbe.ping("tcp://127.0.0.1:" + server.getLocalPort());

            other.join(5_000);
            assertThat(answered).isFalse();
        }
    }

    @Test
    void missingSocketsAndUnknownSchemesDoNotCount() {
        assertThat(DockerProbe.ping("unix://" + directory.resolve("docker.sock"))).isFalse();
        assertThat(DockerProbe.ping("npipe:////./pipe/docker_engine")).isFalse();
        assertThat(DockerProbe.ping("not a uri")).isFalse();
    }

    private static void answer(ServerSocket server, String response) {
        try (Socket socket = server.accept()) {
            InputStream in = socket.getInputStream();
            byte[] request = new byte[256];
            int read = in.read(request);
            if (read > 0 && new String(request, 0, read, StandardCharsets.US_ASCII).startsWith("GET /_ping")) {
                socket.getOutputStream().write(response.getBytes(StandardCharsets.US_ASCII));
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
