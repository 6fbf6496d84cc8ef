package io.brook.testkit.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * Tells, cheaply and silently, whether a Docker engine answers: an HTTP {@code GET /_ping} on the endpoint that
 * {@code DOCKER_HOST}, {@code ~/.testcontainers.properties} or a well-known socket path names. Testcontainers' own
 * detection is thorough but slow and logs at length when no engine exists, which is the common case on CI
 * machines without Docker; this check keeps it from running there.
 *
 * <p>Thread-safe: the answer is computed once per JVM under the class lock.
 */
final class DockerProbe {

    private static final int TIMEOUT_MILLIS = 1_000;
    private static final byte[] PING = "GET /_ping HTTP/1.0\r\nHost: docker\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private static Boolean answers;

    private DockerProbe() {
    }

    /** Whether a Docker engine answered a ping. */
    static synchronized boolean engineAnswers() {
        if (answers == null) {
            answers = candidateEndpoints().stream().anyMatch(DockerProbe::ping);
        }
        return answers;
    }

    /** The endpoints to try, most specific first: {@code unix://...} or {@code tcp://host:port} URIs. */
    static List<String> candidateEndpoints() {
        List<String> endpoints = new ArrayList<>();
        Optional.ofNullable(System.getenv("DOCKER_HOST")).filter(host -> !host.isBlank()).ifPresent(endpoints::add);
        testcontainersPropertiesHost().ifPresent(endpoints::add);
        String home = System.getProperty("user.home");
        List<Path> sockets = new ArrayList<>(List.of(
                Path.of("/var/run/docker.sock"),
                Path.of(home, ".docker", "run", "docker.sock"),
                Path.of(home, ".docker", "desktop", "docker.sock"),
                Path.of(home, ".colima", "default", "docker.sock"),
                Path.of(home, ".rd", "docker.sock"),
                Path.of(home, ".orbstack", "run", "docker.sock")));
        Optional.ofNullable(System.getenv("XDG_RUNTIME_DIR"))
                .ifPresent(runtime -> sockets.add(Path.of(runtime, "docker.sock")));
        for (Path socket : sockets) {
            if (Files.exists(socket)) {
                endpoints.add("unix://" + socket);
            }
        }
        return endpoints;
    }

    private static Optional<String> testcontainersPropertiesHost() {
        Path file = Path.of(System.getProperty("user.home"), ".testcontainers.properties");
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            properties.load(in);
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.ofNullable(properties.getProperty("docker.host")).filter(host -> !host.isBlank());
    }

    static boolean ping(String endpoint) {
        try {
            URI uri = URI.create(endpoint);
            if ("unix".equals(uri.getScheme())) {
                return pingUnix(Path.of(uri.getPath()));
            }
            if ("tcp".equals(uri.getScheme()) || "http".equals(uri.getScheme())) {
                return pingTcp(uri.getHost(), uri.getPort() > 0 ? uri.getPort() : 2375);
            }
            return false; // npipe:// and others: not checked cheaply; choose DOCKER explicitly to use them
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static boolean pingTcp(String host, int port) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), TIMEOUT_MILLIS);
            if ("1".equals(System.getenv("DOCKER_TLS_VERIFY"))) {
                return true; // a TLS endpoint accepted the connection; speaking TLS here is not worth it
            }
            socket.setSoTimeout(TIMEOUT_MILLIS);
            socket.getOutputStream().write(PING);
            byte[] head = socket.getInputStream().readNBytes(16);
            return isOk(new String(head, StandardCharsets.US_ASCII));
        }
    }

    private static boolean pingUnix(Path socketPath) throws IOException {
        if (!Files.exists(socketPath)) {
            return false;
        }
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
                Selector selector = Selector.open()) {
            channel.connect(UnixDomainSocketAddress.of(socketPath));
            channel.write(ByteBuffer.wrap(PING));
            channel.configureBlocking(false);
            channel.register(selector, SelectionKey.OP_READ);
            ByteBuffer head = ByteBuffer.allocate(16);
            while (head.hasRemaining() && selector.select(TIMEOUT_MILLIS) > 0) {
                selector.selectedKeys().clear();
                if (channel.read(head) < 0) {
                    break;
                }
            }
            return isOk(new String(head.array(), 0, head.position(), StandardCharsets.US_ASCII));
        }
    }

    /** Whether an HTTP status line says 200. */
    static boolean isOk(String statusLineStart) {
        return statusLineStart.startsWith("HTTP/1.") && statusLineStart.contains(" 200");
    }
}
