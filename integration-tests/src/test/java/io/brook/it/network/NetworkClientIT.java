package io.brook.it.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.brook.common.errors.BrookException;
import io.brook.common.errors.NetworkException;
import io.brook.common.errors.UnresolvedHostException;
import io.brook.common.errors.UnsupportedVersionException;
import io.brook.core.internal.network.BrokerApiVersions;
import io.brook.core.internal.network.Endpoint;
import io.brook.core.internal.network.NetworkClient;
import io.brook.core.internal.network.NetworkConfig;
import io.brook.core.internal.network.VersionRange;
import io.brook.protocol.ApiKey;
import io.brook.protocol.message.MetadataRequest;
import io.brook.protocol.message.MetadataResponse;
import io.brook.testkit.KafkaCluster;
import io.brook.testkit.junit.KafkaClusterExtension;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Brook's network layer against a real Kafka broker. */
@ExtendWith(KafkaClusterExtension.class)
class NetworkClientIT {
    private static final long WAIT_S = 30;

    private static Endpoint firstBootstrap(KafkaCluster cluster) {
        String first = cluster.bootstrapServers().split(",")[0].trim();
        int colon = first.lastIndexOf(':');
        return new Endpoint(-1, first.substring(0, colon), Integer.parseInt(first.substring(colon + 1)));
    }

    private static <T> T get(CompletableFuture<T> f) throws Exception {
        return f.get(WAIT_S, TimeUnit.SECONDS);
    }

    @Test
    void connectsAndNegotiatesApiVersions(KafkaCluster cluster) throws Exception {
        Endpoint endpoint = firstBootstrap(cluster);
        try (NetworkClient client = new NetworkClient(NetworkConfig.defaults("it-network-connect"))) {
            BrokerApiVersions versions = get(client.connect(endpoint));

            // A 4.1 broker knows every ApiVersions version Brook has, so the handshake needs no retry.
            assertThat(versions.supports(ApiKey.API_VERSIONS, ApiKey.API_VERSIONS.highestVersion())).isTrue();
            assertThat(versions.usable(ApiKey.METADATA)).isTrue();
            assertThat(client.apiVersions(endpoint)).contains(versions);
            VersionRange broker = versions.range(ApiKey.METADATA).orElseThrow();
            short expected = (short) Math.min(broker.max(), ApiKey.METADATA.highestVersion());
            assertThat(client.versionNegotiator().pick(ApiKey.METADATA, versions, endpoint)).isEqualTo(expected);
        }
    }

    @Test
    void aMetadataRequestIsAnswered(KafkaCluster cluster) throws Exception {
        Endpoint bootstrap = firstBootstrap(cluster);
        try (NetworkClient client = new NetworkClient(NetworkConfig.defaults("it-network-metadata"))) {
            MetadataResponse response = get(client.sender(Runnable::run).send(bootstrap, MetadataRequest.builder().build()));

            assertThat(response.brokers()).hasSize(cluster.size());
            assertThat(response.clusterId()).isNotBlank();

            // The broker's advertised address, under its node id, is a second connection that works too.
            MetadataResponse.MetadataResponseBroker b = response.brokers().get(0);
            Endpoint node = new Endpoint(b.nodeId(), b.host(), b.port());
            MetadataResponse again = get(client.sender(Runnable::run).send(node, MetadataRequest.builder().build()));
            assertThat(again.clusterId()).isEqualTo(response.clusterId());
            assertThat(client.apiVersions(node)).isPresent();
        }
    }

    @Test
    void aHostNameIsResolvedOnTheClientsLookupThreadsWhichEndOnClose(KafkaCluster cluster) throws Exception {
        Endpoint literal = firstBootstrap(cluster);
        // "localhost" resolves through the hosts file; only meaningful if it leads to the broker's address.
        assumeTrue(InetAddress.getByName("localhost").getHostAddress().equals(literal.host()),
                "localhost does not resolve to the broker's address " + literal.host());
        Endpoint named = new Endpoint(-1, "localhost", literal.port());
        NetworkClient client = new NetworkClient(NetworkConfig.defaults("it-network-named"));
        try {
            MetadataResponse response = get(client.sender(Runnable::run).send(named, MetadataRequest.builder().build()));
            assertThat(response.clusterId()).isNotBlank();
            assertThat(threadsNamed("brook-it-network-named-dns-")).isNotEmpty();
        } finally {
            client.close(Duration.ofSeconds(10));
        }
        assertThat(threadsNamed("brook-it-network-named-dns-")).isEmpty();
    }

    @Test
    void aNameThatDoesNotResolveFailsTypedAndRetriable() throws Exception {
        // .invalid never resolves (RFC 6761); without a reachable DNS server the lookup may time out instead, which
        // fails the same way.
        Endpoint nowhere = new Endpoint(-1, "brook-it.invalid", 9092);
        NetworkConfig config = NetworkConfig.builder("it-network-unresolved")
                .fixedSocketConnectionSetupTimeoutMs(5_000).build();
        try (NetworkClient client = new NetworkClient(config)) {
            Throwable error = failureOf(client.sender(Runnable::run).send(nowhere, MetadataRequest.builder().build()));
            assertThat(error).isInstanceOf(UnresolvedHostException.class).hasMessageContaining("brook-it.invalid");
            assertThat(((UnresolvedHostException) error).isRetriable()).isTrue();
        }
    }

    private static List<Thread> threadsNamed(String prefix) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith(prefix) && t.isAlive())
                .toList();
    }

    @Test
    void aRequestPinnedToAVersionTheBrokerLacksFailsTyped(KafkaCluster cluster) throws Exception {
        Endpoint endpoint = firstBootstrap(cluster);
        short brokerMax;
        try (NetworkClient probe = new NetworkClient(NetworkConfig.defaults("it-network-probe"))) {
            brokerMax = get(probe.connect(endpoint)).range(ApiKey.METADATA).orElseThrow().max();
        }
        short impossible = (short) (brokerMax + 1);
        NetworkConfig pinned = NetworkConfig.builder("it-network-pinned").pin(ApiKey.METADATA, impossible).build();
        try (NetworkClient client = new NetworkClient(pinned)) {
            CompletableFuture<MetadataResponse> f = client.sender(Runnable::run).send(endpoint, MetadataRequest.builder().build());

            assertThatThrownBy(() -> get(f)).isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(UnsupportedVersionException.class)
                    .hasMessageContaining("Metadata")
                    .hasMessageContaining("user pin is " + impossible)
                    .hasMessageContaining("-" + brokerMax);
            // The connection itself is fine: other APIs still work.
            assertThat(get(client.connect(endpoint)).supports(ApiKey.METADATA)).isTrue();
        }
    }

    @Test
    void reconnectsAfterTheBrokerRestarts(KafkaCluster cluster) throws Exception {
        assumeTrue(cluster.supportsFaultInjection(), "the cluster cannot be restarted");
        Endpoint endpoint = firstBootstrap(cluster);
        NetworkConfig config = NetworkConfig.builder("it-network-restart").requestTimeoutMs(10_000).build();
        try (NetworkClient client = new NetworkClient(config)) {
            get(client.sender(Runnable::run).send(endpoint, MetadataRequest.builder().build()));

            cluster.kill(0);
            Throwable down = failureOf(client.sender(Runnable::run).send(endpoint, MetadataRequest.builder().build()));
            assertThat(down).isInstanceOf(NetworkException.class).hasMessageContaining(endpoint.toString());
            assertThat(((BrookException) down).isRetriable()).isTrue();

            cluster.restart(0);
            MetadataResponse response = retryUntilAnswered(client, endpoint, Duration.ofSeconds(60));
            assertThat(response.brokers()).isNotEmpty();
        }
    }

    private static Throwable failureOf(CompletableFuture<?> f) throws Exception {
        try {
            get(f);
            throw new AssertionError("expected the request to fail");
        } catch (ExecutionException e) {
            return e.getCause();
        }
    }

    /** What a caller does with retriable errors: back off and send again, here until {@code budget} runs out. */
    private static MetadataResponse retryUntilAnswered(NetworkClient client, Endpoint endpoint, Duration budget)
            throws Exception {
        long deadline = System.nanoTime() + budget.toNanos();
        while (true) {
            try {
                return get(client.sender(Runnable::run).<MetadataResponse>send(endpoint, MetadataRequest.builder().build()));
            } catch (ExecutionException e) {
                assertThat(e.getCause()).isInstanceOf(BrookException.class);
                assertThat(((BrookException) e.getCause()).isRetriable()).as("retriable: %s", e.getCause()).isTrue();
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("no answer after the restart within " + budget, e.getCause());
                }
                Thread.sleep(200);
            }
        }
    }
}
