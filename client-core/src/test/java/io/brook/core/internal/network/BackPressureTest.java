package io.brook.core.internal.network;

import static org.assertj.core.api.Assertions.assertThat;

import io.brook.common.errors.RequestQueueFullException;
import io.brook.common.errors.TimeoutException;
import io.brook.core.ManualTime;
import io.brook.protocol.ApiKey;
import io.brook.protocol.message.MetadataRequest;
import io.brook.protocol.message.MetadataResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A slow broker (the in-process fake, holding every answer until the test opens a gate) and a flood of requests:
 * the connection never has more than its in-flight limit on the wire, holds at most its queue bound, and fails the
 * excess at once with the typed error, so memory stays bounded; once the broker answers, everything accepted
 * completes.
 */
class BackPressureTest {
    private static final int MAX_IN_FLIGHT = 5;
    private static final int MAX_QUEUED = 50;
    private static final int FLOOD = 20_000;

    private final ManualTime time = new ManualTime();
    private final ExecutorService owner = Executors.newSingleThreadExecutor(r -> new Thread(r, "bp-owner"));
    private final CompletableFuture<Void> gate = new CompletableFuture<>();
    private FakeBroker broker;
    private NetworkClient client;

    @BeforeEach
    void setUp() throws Exception {
        broker = FakeBroker.start();
        broker.on(ApiKey.METADATA, r -> FakeBroker.Reply.after(gate,
                FakeBroker.Reply.with(MetadataResponse.builder().clusterId("slow").build())));
        client = new NetworkClient(NetworkConfig.builder("bp").maxInFlightPerConnection(MAX_IN_FLIGHT)
                .maxQueuedPerConnection(MAX_QUEUED).build(), time, new NetworkTuning(10, 10, true));
    }

    @AfterEach
    void tearDown() throws Exception {
        gate.complete(null);
        client.close();
        broker.close();
        owner.shutdownNow();
    }

    @Test
    void aFloodAgainstASlowBrokerIsBoundedAndTheExcessFailsTyped() throws Exception {
        Endpoint endpoint = broker.endpoint(0);
        RequestSender sender = client.sender(owner);
        client.connect(endpoint).get(10, TimeUnit.SECONDS);

        List<CompletableFuture<MetadataResponse>> sent = new ArrayList<>(FLOOD);
        for (int i = 0; i < FLOOD; i++) {
            sent.add(sender.send(endpoint, MetadataRequest.builder().build()));
        }
        Poll.until(() -> broker.received(ApiKey.METADATA).size() == MAX_IN_FLIGHT
                && client.queuedCount(endpoint) == MAX_QUEUED);
        Poll.until(() -> sent.stream().filter(CompletableFuture::isDone).count() == FLOOD - MAX_IN_FLIGHT - MAX_QUEUED);

        assertThat(client.inFlightCount(endpoint)).isEqualTo(MAX_IN_FLIGHT);
        List<Throwable> refused = sent.stream().filter(CompletableFuture::isDone).map(BackPressureTest::cause).toList();
        assertThat(refused).hasSize(FLOOD - MAX_IN_FLIGHT - MAX_QUEUED)
                .allSatisfy(e -> assertThat(e).isInstanceOf(RequestQueueFullException.class)
                        .hasMessageContaining(endpoint.host() + ":" + endpoint.port())
                        .hasMessageContaining(Integer.toString(MAX_QUEUED)));
        assertThat(broker.received(ApiKey.METADATA)).as("never more than the in-flight limit on the wire")
                .hasSize(MAX_IN_FLIGHT);

        gate.complete(null);
        List<CompletableFuture<MetadataResponse>> accepted = sent.stream().filter(f -> !f.isCompletedExceptionally())
                .toList();
        assertThat(accepted).hasSize(MAX_IN_FLIGHT + MAX_QUEUED);
        for (CompletableFuture<MetadataResponse> f : accepted) {
            assertThat(f.get(10, TimeUnit.SECONDS).clusterId()).isEqualTo("slow");
        }
        assertThat(broker.received(ApiKey.METADATA)).hasSize(MAX_IN_FLIGHT + MAX_QUEUED);
    }

    @Test
    void aQueuedRequestTimesOutFromWhenItWasSentNotFromWhenItWasWritten() throws Exception {
        Endpoint endpoint = broker.endpoint(0);
        RequestSender sender = client.sender(owner);
        client.connect(endpoint).get(10, TimeUnit.SECONDS);
        for (int i = 0; i < MAX_IN_FLIGHT; i++) {
            sender.send(endpoint, RequestBuilder.of(MetadataRequest.builder().build()), 60_000);
        }
        CompletableFuture<MetadataResponse> queued =
                sender.send(endpoint, RequestBuilder.of(MetadataRequest.builder().build()), 1_000);
        Poll.until(() -> client.queuedCount(endpoint) == 1);

        time.advance(1_000);

        assertThat(cause(queued)).isInstanceOf(TimeoutException.class).hasMessageContaining("before it could be sent")
                .hasMessageContaining("1000 ms");
        assertThat(client.queuedCount(endpoint)).isZero();
    }

    private static Throwable cause(CompletableFuture<?> f) {
        try {
            f.get(10, TimeUnit.SECONDS);
            throw new AssertionError("expected a failure");
        } catch (java.util.concurrent.ExecutionException e) {
            return e.getCause() instanceof CompletionException c ? c.getCause() : e.getCause();
        } catch (InterruptedException | java.util.concurrent.TimeoutException e) {
            throw new AssertionError(e);
        }
    }
}
