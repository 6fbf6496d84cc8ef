package io.brook.core.internal.network;

import static io.brook.core.internal.network.RequestPipelineTest.causeOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;


import io.brook.common.errors.NetworkClientClosedException;
import io.brook.common.errors.NetworkException;
import io.brook.common.errors.TimeoutException;
import io.brook.common.errors.UnresolvedHostException;
import io.brook.common.errors.UnsupportedVersionException;
import io.brook.core.ManualTime;
import io.brook.core.Time;
import io.brook.protocol.ApiKey;
import io.brook.protocol.Errors;
import io.brook.protocol.message.ApiVersionsResponse;
import io.brook.protocol.message.MetadataRequest;
import io.brook.protocol.message.MetadataResponse;
import io.brook.protocol.wire.MalformedMessageException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The whole network layer over real sockets against a {@link FakeBroker}. */
class NetworkClientTest {
    private static final short METADATA_MAX = ApiKey.METADATA.highestVersion();
    private static final NetworkTuning FAST_TICKS = new NetworkTuning(10, 10, true);

    private final ManualTime time = new ManualTime();
    private final List<AutoCloseable> toClose = new ArrayList<>();
    private FakeBroker broker;

    @BeforeEach
    void setUp() throws Exception {
        broker = closeLater(FakeBroker.start());
        broker.on(ApiKey.METADATA, r -> FakeBroker.Reply.with(metadata("cluster-a")));
    }

    @AfterEach
    void tearDown() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
    }

    private <T extends AutoCloseable> T closeLater(T resource) {
        toClose.add(resource);
        return resource;
    }

    private NetworkClient client(NetworkConfig.Builder config, Time clock) {
        return closeLater(new NetworkClient(config.build(), clock, FAST_TICKS));
    }

    private NetworkClient client() {
        return client(NetworkConfig.builder("unit"), time);
    }

    private NetworkClient client(NetworkConfig.Builder config, HostResolver dns) {
        return closeLater(new NetworkClient(config.build(), time, FAST_TICKS, dns));
    }

    /** A fake DNS entry: {@code host} with the given loopback addresses (last byte of 127.0.0.x). */
    private static InetAddress[] loopback(String host, int... lastBytes) throws UnknownHostException {
        InetAddress[] out = new InetAddress[lastBytes.length];
        for (int i = 0; i < lastBytes.length; i++) {
            out[i] = InetAddress.getByAddress(host, new byte[] {127, 0, 0, (byte) lastBytes[i]});
        }
        return out;
    }

    private static MetadataResponse metadata(String clusterId) {
        return MetadataResponse.builder().clusterId(clusterId).build();
    }

    private static MetadataRequest metadataRequest() {
        return MetadataRequest.builder().build();
    }

    @Test
    void theFirstSendConnectsHandshakesAndNegotiates() {
        NetworkClient client = client();
        Endpoint endpoint = broker.endpoint(0);
        assertThat(client.apiVersions(endpoint)).isEmpty();

        MetadataResponse response = sender(client).<MetadataResponse>send(endpoint, metadataRequest()).join();

        assertThat(response.clusterId()).isEqualTo("cluster-a");
        assertThat(broker.received()).extracting(FakeBroker.Received::api)
                .containsExactly(ApiKey.API_VERSIONS, ApiKey.METADATA);
        FakeBroker.Received metadata = broker.received(ApiKey.METADATA).get(0);
        assertThat(metadata.version()).isEqualTo(METADATA_MAX);
        assertThat(metadata.clientId()).isEqualTo("unit");
        assertThat(client.apiVersions(endpoint)).hasValueSatisfying(
                v -> assertThat(v.supports(ApiKey.METADATA, METADATA_MAX)).isTrue());
        assertThat(client.connectionState(endpoint)).isEqualTo(ConnectionSlot.State.READY);
    }

    @Test
    void sendsBeforeTheHandshakeCompletesAreQueuedOnOneConnection() {
        broker.on(ApiKey.API_VERSIONS, r -> FakeBroker.Reply.delayed(200, FakeBroker.Reply.with(
                FakeBroker.allApiVersions())));
        NetworkClient client = client();
        List<CompletableFuture<MetadataResponse>> futures = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            futures.add(sender(client).send(broker.endpoint(0), metadataRequest()));
        }
        for (CompletableFuture<MetadataResponse> f : futures) {
            assertThat(f.join().clusterId()).isEqualTo("cluster-a");
        }
        assertThat(broker.connectionsAccepted()).isEqualTo(1);
        assertThat(broker.received(ApiKey.METADATA)).hasSize(10);
    }

    @Test
    void theBrokersRangeAndTheCallersRangeCapTheVersion() {
        broker.on(ApiKey.API_VERSIONS, r -> FakeBroker.Reply.with(
                FakeBroker.apiVersionsWith(ApiKey.METADATA, VersionRange.of(0, METADATA_MAX - 1))));
        NetworkClient client = client();

        sender(client).send(broker.endpoint(0), metadataRequest()).join();
        sender(client).send(broker.endpoint(0), RequestBuilder.of(metadataRequest(), VersionRange.of(0, METADATA_MAX - 3))).join();

        assertThat(broker.received(ApiKey.METADATA)).extracting(FakeBroker.Received::version)
                .containsExactly((short) (METADATA_MAX - 1), (short) (METADATA_MAX - 3));
    }

    @Test
    void aPinOutsideTheBrokersRangeFailsTypedWithoutSending() {
        broker.on(ApiKey.API_VERSIONS, r -> FakeBroker.Reply.with(
                FakeBroker.apiVersionsWith(ApiKey.METADATA, VersionRange.of(0, METADATA_MAX - 1))));
        NetworkClient client = client(NetworkConfig.builder("pinned").pin(ApiKey.METADATA, METADATA_MAX), time);

        CompletableFuture<MetadataResponse> f = sender(client).send(broker.endpoint(0), metadataRequest());

        assertThat(failure(f)).isInstanceOf(UnsupportedVersionException.class)
                .hasMessageContaining("Metadata").hasMessageContaining("user pin is " + METADATA_MAX)
                .hasMessageContaining("broker supports 0-" + (METADATA_MAX - 1));
        assertThat(broker.received(ApiKey.METADATA)).isEmpty();
    }

    @Test
    void theHandshakeRetriesAtTheBrokersApiVersionsVersion() {
        broker.on(ApiKey.API_VERSIONS, r -> r.version() > 2
                ? FakeBroker.Reply.at(ApiVersionsResponse.builder()
                        .errorCode(Errors.UNSUPPORTED_VERSION.code())
                        .apiKeys(List.of(ApiVersionsResponse.ApiVersion.builder().apiKey(ApiKey.API_VERSIONS.id())
                                .minVersion((short) 0).maxVersion((short) 2).build()))
                        .build(), 0, 0)
                : FakeBroker.Reply.with(FakeBroker.allApiVersions()));
        NetworkClient client = client();

        client.connect(broker.endpoint(0)).join();

        assertThat(broker.received(ApiKey.API_VERSIONS)).extracting(FakeBroker.Received::version)
                .containsExactly(ApiKey.API_VERSIONS.highestVersion(), (short) 2);
    }

    @Test
    void aRefusedConnectionFailsRetriablyThenBacksOffThenReconnects() throws Exception {
        int port = broker.port();
        broker.close();
        toClose.remove(broker);
        NetworkClient client = client(NetworkConfig.builder("refused").reconnectBackoffMs(1_000)
                .reconnectBackoffMaxMs(1_000), time);
        Endpoint endpoint = new Endpoint(0, "127.0.0.1", port);

        Throwable refused = failure(sender(client).send(endpoint, metadataRequest()));
        assertThat(refused).isInstanceOf(NetworkException.class).hasMessageContaining("127.0.0.1:" + port);
        assertThat(((NetworkException) refused).isRetriable()).isTrue();

        // Within the backoff: fail fast, no new attempt.
        Throwable backingOff = failure(sender(client).send(endpoint, metadataRequest()));
        assertThat(backingOff).isInstanceOf(NetworkException.class).hasMessageContaining("Not connecting");
        assertThat(client.connectionState(endpoint)).isEqualTo(ConnectionSlot.State.BACKING_OFF);

        broker = closeLater(FakeBroker.start(port));
        broker.on(ApiKey.METADATA, r -> FakeBroker.Reply.with(metadata("back")));
        time.advance(1_200); // past the longest jittered backoff (1000 ms * 1.2)
        assertThat(sender(client).<MetadataResponse>send(endpoint, metadataRequest()).join().clusterId()).isEqualTo("back");
    }

    @Test
    void aDroppedConnectionFailsInFlightRequestsAndTheNextSendReconnects() throws Exception {
        broker.on(ApiKey.METADATA, r -> FakeBroker.Reply.none());
        NetworkClient client = client();
        Endpoint endpoint = broker.endpoint(0);
        CompletableFuture<MetadataResponse> pending = sender(client).send(endpoint, metadataRequest());
        Poll.until(() -> broker.received(ApiKey.METADATA).size() == 1);

        broker.disconnectAll();

        assertThat(failure(pending)).isInstanceOf(NetworkException.class)
                .hasMessageContaining("Metadata v" + METADATA_MAX).hasMessageContaining(endpoint.toString());
        Poll.until(() -> client.connectionState(endpoint) == ConnectionSlot.State.DISCONNECTED);
        broker.on(ApiKey.METADATA, r -> FakeBroker.Reply.with(metadata("again")));
        assertThat(sender(client).<MetadataResponse>send(endpoint, metadataRequest()).join().clusterId())
                .isEqualTo("again");
        assertThat(broker.connectionsAccepted()).isEqualTo(2);
    }

    @Test
    void aBrokerDisconnectInReplyFailsTheRequestRetriably() {
        broker.on(ApiKey.METADATA, r -> FakeBroker.Reply.disconnect());
        NetworkClient client = client();
        Throwable error = failure(sender(client).send(broker.endpoint(0), metadataRequest()));
        assertThat(error).isInstanceOf(NetworkException.class);
    }

    @Test
    void anIdleConnectionIsClosedAndReopenedOnDemand() {
        NetworkClient client = client(NetworkConfig.builder("idle").connectionsMaxIdleMs(60_000), time);
        Endpoint endpoint = broker.endpoint(0);
        sender(client).send(endpoint, metadataRequest()).join();
        assertThat(broker.openConnections()).isEqualTo(1);

        time.advance(59_000);
        // Wait for two idle checks that saw the advanced clock; the connection is not idle long enough yet.
        long ticks = client.connectionTicks(endpoint);
        Poll.until(() -> client.connectionTicks(endpoint) >= ticks + 2);
        assertThat(client.connectionState(endpoint)).isEqualTo(ConnectionSlot.State.READY);

        time.advance(1_000);
        Poll.until(() -> broker.openConnections() == 0);
        Poll.until(() -> client.connectionState(endpoint) == ConnectionSlot.State.DISCONNECTED);

        sender(client).send(endpoint, metadataRequest()).join();
        assertThat(broker.connectionsAccepted()).isEqualTo(2);
    }

    @Test
    void aSilentBrokerTimesTheRequestOut() {
        broker.on(ApiKey.METADATA, r -> FakeBroker.Reply.none());
        NetworkClient client = client(NetworkConfig.builder("timeout").requestTimeoutMs(5_000), time);
        Endpoint endpoint = broker.endpoint(0);
        CompletableFuture<MetadataResponse> f = sender(client).send(endpoint, metadataRequest());
        Poll.until(() -> broker.received(ApiKey.METADATA).size() == 1);

        time.advance(5_000);

        assertThat(failure(f)).isInstanceOf(TimeoutException.class)
                .hasMessageContaining("Metadata v" + METADATA_MAX).hasMessageContaining(endpoint.toString())
                .hasMessageContaining("5000 ms");
        Poll.until(() -> broker.openConnections() == 0);
    }

    @Test
    void aMalformedResponseFailsTypedAndClosesTheConnection() {
        broker.on(ApiKey.METADATA, r -> FakeBroker.Reply.rawAfterCorrelationId(new byte[] {0, 0, 0, 0, 0, 0x7f}));
        NetworkClient client = client();
        assertThat(failure(sender(client).send(broker.endpoint(0), metadataRequest())))
                .isInstanceOf(MalformedMessageException.class).hasMessageContaining("Metadata");
        Poll.until(() -> broker.openConnections() == 0);
    }

    @Test
    void closeFailsInFlightAndQueuedRequestsAndStopsItsThreads() {
        broker.on(ApiKey.METADATA, r -> FakeBroker.Reply.none());
        NetworkClient client = new NetworkClient(NetworkConfig.defaults("closing"), time, FAST_TICKS);
        Endpoint endpoint = broker.endpoint(0);
        List<CompletableFuture<MetadataResponse>> inFlight = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            inFlight.add(sender(client).send(endpoint, metadataRequest()));
        }
        Poll.until(() -> broker.received(ApiKey.METADATA).size() == 3);
        assertThat(ioThreads("closing")).isNotEmpty().allMatch(t -> t.getName().matches("brook-closing-io-\\d+"));

        long start = System.nanoTime();
        client.close(Duration.ofSeconds(5));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));

        for (CompletableFuture<MetadataResponse> f : inFlight) {
            Poll.until(f::isDone); // failed by close, completed on the owner's executor
            assertThat(causeOf(f)).isInstanceOf(NetworkClientClosedException.class);
        }
        assertThat(ioThreads("closing")).isEmpty();
        assertThat(failure(sender(client).send(endpoint, metadataRequest()))).isInstanceOf(NetworkClientClosedException.class);
        Poll.until(() -> broker.openConnections() == 0);
        client.close(); // idempotent
    }

    @Test
    void closeWhileConnectingFailsTheQueuedRequests() {
        broker.on(ApiKey.API_VERSIONS, r -> FakeBroker.Reply.none());
        NetworkClient client = new NetworkClient(NetworkConfig.defaults("closing-early"), time, FAST_TICKS);
        CompletableFuture<MetadataResponse> queued = sender(client).send(broker.endpoint(0), metadataRequest());
        Poll.until(() -> broker.received(ApiKey.API_VERSIONS).size() == 1);

        client.close(Duration.ofSeconds(5));

        Poll.until(queued::isDone); // failed by close, completed on the owner's executor
        assertThat(causeOf(queued)).isInstanceOf(NetworkClientClosedException.class);
        assertThat(ioThreads("closing-early")).isEmpty();
    }

    @Test
    void worksOverNioWhenNativeTransportIsNotWanted() {
        NetworkClient client = closeLater(new NetworkClient(NetworkConfig.defaults("nio"), time,
                new NetworkTuning(10, 10, false)));
        assertThat(client.usesNativeTransport()).isFalse();
        assertThat(sender(client).<MetadataResponse>send(broker.endpoint(0), metadataRequest()).join().clusterId())
                .isEqualTo("cluster-a");
    }

    @Test
    void usesEpollWhereverItLoads() {
        assertThat(client().usesNativeTransport()).isEqualTo(io.netty.channel.epoll.Epoll.isAvailable());
    }

    @Test
    void concurrentSendersShareOneConnectionAndEveryResponseFindsItsRequest() throws Exception {
        // Each response echoes a number the request carried, so a mix-up of correlation ids would show.
        broker.on(ApiKey.METADATA, r -> FakeBroker.Reply.with(metadata(
                ((MetadataRequest) r.body()).topics().get(0).name())));
        NetworkClient client = client();
        int threads = 8;
        int perThread = 100;
        List<Thread> senders = new ArrayList<>();
        List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            senders.add(new Thread(() -> {
                List<CompletableFuture<MetadataResponse>> futures = new ArrayList<>();
                for (int i = 0; i < perThread; i++) {
                    futures.add(sender(client).send(broker.endpoint(0), metadataRequestFor("t" + id + "-" + i)));
                }
                for (int i = 0; i < perThread; i++) {
                    try {
                        assertThat(futures.get(i).join().clusterId()).isEqualTo("t" + id + "-" + i);
                    } catch (Throwable e) {
                        failures.add(e);
                    }
                }
            }, "sender-" + t));
        }
        senders.forEach(Thread::start);
        for (Thread t : senders) {
            t.join(10_000);
        }
        assertThat(failures).isEmpty();
        assertThat(broker.received(ApiKey.METADATA)).hasSize(threads * perThread);
        assertThat(broker.connectionsAccepted()).isEqualTo(1);
    }

    @Test
    void aLookupThatBlocksDoesNotStallOtherConnectionsOnTheSameEventLoop() throws Exception {
        CountDownLatch lookupStarted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        HostResolver dns = host -> {
            if (host.equals("slow.test")) {
                lookupStarted.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    throw new UnknownHostException("interrupted");
                }
            }
            return loopback(host, 1);
        };
        // One event loop serves every connection: a lookup on it would stall them all.
        NetworkClient client = client(NetworkConfig.builder("dns-slow").ioThreads(1), dns);
        Endpoint ready = broker.endpoint(0);
        sender(client).send(ready, metadataRequest()).join();
        try {
            CompletableFuture<MetadataResponse> slow = sender(client).send(new Endpoint(1, "slow.test", broker.port()),
                    metadataRequest());
            assertThat(lookupStarted.await(5, TimeUnit.SECONDS)).isTrue();

            // While that lookup blocks: an open connection's traffic and another name's new connection go through.
            assertThat(sender(client).<MetadataResponse>send(ready, metadataRequest()).get(5, TimeUnit.SECONDS)
                    .clusterId()).isEqualTo("cluster-a");
            assertThat(sender(client).<MetadataResponse>send(new Endpoint(2, "fast.test", broker.port()),
                    metadataRequest()).get(5, TimeUnit.SECONDS).clusterId()).isEqualTo("cluster-a");
            assertThat(slow).isNotDone();

            release.countDown();
            assertThat(slow.get(5, TimeUnit.SECONDS).clusterId()).isEqualTo("cluster-a");
        } finally {
            release.countDown();
        }
    }

    @Test
    void aNameThatDoesNotResolveFailsTheSendTypedAndRetriableNamingTheHost() {
        HostResolver dns = host -> {
            throw new UnknownHostException(host + ": Name or service not known");
        };
        NetworkClient client = client(NetworkConfig.builder("dns-unknown"), dns);
        Endpoint nowhere = new Endpoint(3, "nowhere.test", 9092);

        Throwable error = failure(sender(client).send(nowhere, metadataRequest()));

        assertThat(error).isInstanceOf(UnresolvedHostException.class).hasMessageContaining("nowhere.test:9092")
                .hasCauseInstanceOf(UnknownHostException.class);
        assertThat(((UnresolvedHostException) error).host()).isEqualTo("nowhere.test");
        assertThat(((UnresolvedHostException) error).isRetriable()).isTrue();
        assertThat(client.connectionState(nowhere)).isEqualTo(ConnectionSlot.State.BACKING_OFF);
    }

    @Test
    void aLookupThatOutlastsTheSetupTimeoutFailsTheSend() {
        CountDownLatch release = new CountDownLatch(1);
        HostResolver dns = host -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                throw new UnknownHostException("interrupted");
            }
            return loopback(host, 1);
        };
        NetworkClient client = client(NetworkConfig.builder("dns-hung").fixedSocketConnectionSetupTimeoutMs(200),
                dns);
        try {
            Endpoint hung = new Endpoint(4, "hung.test", broker.port());
            CompletableFuture<MetadataResponse> send = sender(client).send(hung, metadataRequest());
            Poll.until(() -> client.connectionState(hung) == ConnectionSlot.State.CONNECTING);
            assertThat(send).as("the setup timeout runs on the injected clock").isNotDone();
            time.advance(200);
            Throwable error = failure(send);
            assertThat(error).isInstanceOf(UnresolvedHostException.class).hasMessageContaining("hung.test")
                    .hasMessageContaining("200 ms");
        } finally {
            release.countDown();
        }
    }

    @Test
    void eachResolvedAddressIsTriedInTurn() {
        // The fake broker listens on 127.0.0.1 only: 127.0.0.2 refuses the connection.
        NetworkClient client = client(NetworkConfig.builder("dns-all-ips").reconnectBackoffMs(0)
                .reconnectBackoffMaxMs(0), host -> loopback(host, 2, 1));
        Endpoint endpoint = new Endpoint(5, "two.test", broker.port());

        assertThat(failure(sender(client).send(endpoint, metadataRequest()))).isInstanceOf(NetworkException.class)
                .hasMessageContaining("127.0.0.2");
        assertThat(sender(client).<MetadataResponse>send(endpoint, metadataRequest()).join().clusterId())
                .isEqualTo("cluster-a");
    }

    @Test
    void ipLiteralsAreNeverLookedUp() {
        List<String> lookedUp = new CopyOnWriteArrayList<>();
        NetworkClient client = client(NetworkConfig.builder("dns-literal"), host -> {
            lookedUp.add(host);
            return loopback(host, 1);
        });
        assertThat(sender(client).<MetadataResponse>send(broker.endpoint(0), metadataRequest()).join().clusterId())
                .isEqualTo("cluster-a");
        assertThat(lookedUp).isEmpty();
        assertThat(dnsThreads("dns-literal")).isEmpty();
    }

    @Test
    void closeStopsTheLookupThreads() {
        NetworkClient client = new NetworkClient(NetworkConfig.defaults("dns-closing"), time, FAST_TICKS,
                host -> loopback(host, 1));
        sender(client).send(new Endpoint(6, "named.test", broker.port()), metadataRequest()).join();
        assertThat(dnsThreads("dns-closing")).isNotEmpty();

        client.close(Duration.ofSeconds(5));

        assertThat(dnsThreads("dns-closing")).isEmpty();
    }

    @Test
    void theLookupExecutorRunsOnTheLookupThreadsAndRejectsAfterClose() {
        NetworkClient client = new NetworkClient(NetworkConfig.defaults("dns-executor"), time, FAST_TICKS);
        CompletableFuture<String> ranOn = CompletableFuture.supplyAsync(() -> Thread.currentThread().getName(),
                client.lookupExecutor());
        assertThat(ranOn.join()).startsWith("brook-dns-executor-dns-");

        client.close(Duration.ofSeconds(5));

        assertThatThrownBy(() -> client.lookupExecutor().execute(() -> { }))
                .isInstanceOf(java.util.concurrent.RejectedExecutionException.class);
        assertThat(dnsThreads("dns-executor")).isEmpty();
    }

    private static List<Thread> dnsThreads(String clientId) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("brook-" + clientId + "-dns-") && t.isAlive())
                .toList();
    }

    private static MetadataRequest metadataRequestFor(String topic) {
        return MetadataRequest.builder()
                .topics(List.of(MetadataRequest.MetadataRequestTopic.builder().name(topic).build()))
                .build();
    }

    private static List<Thread> ioThreads(String clientId) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("brook-" + clientId + "-io-") && t.isAlive())
                .toList();
    }

    /** Waits for {@code f} to fail and returns why. */
    private static Throwable failure(CompletableFuture<?> f) {
        Poll.until(f::isDone);
        return causeOf(f);
    }


    /** Test callbacks run here, off the event loop, as an owner's thread would. */
    private static final java.util.concurrent.ExecutorService CALLBACKS = java.util.concurrent.Executors
            .newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "test-callbacks");
                t.setDaemon(true);
                return t;
            });

    private static RequestSender sender(NetworkClient client) {
        return client.sender(CALLBACKS);
    }
}
