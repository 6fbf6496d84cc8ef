package io.brook.core.internal.network;

import static org.assertj.core.api.Assertions.assertThat;

import io.brook.core.ManualTime;
import io.brook.core.internal.util.CallbackExecutor;
import io.brook.protocol.ApiKey;
import io.brook.protocol.message.MetadataRequest;
import io.brook.protocol.message.MetadataResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Responses are handed to their owner's executor: nothing chained on a sender's future runs on an event loop, and
 * a callback that blocks on another request of the same client neither deadlocks nor holds up other requests.
 */
class OwnedSenderTest {
    private final ManualTime time = new ManualTime();
    private final CallbackExecutor owner = new CallbackExecutor("owned-test", io.brook.core.Time.SYSTEM, Duration.ofMillis(50));
    private FakeBroker broker;
    private NetworkClient client;

    @BeforeEach
    void setUp() throws Exception {
        broker = FakeBroker.start();
        broker.on(ApiKey.METADATA, r -> FakeBroker.Reply.with(MetadataResponse.builder().clusterId("c").build()));
        client = new NetworkClient(NetworkConfig.defaults("owned"), time, new NetworkTuning(10, 10, true));
    }

    @AfterEach
    void tearDown() throws Exception {
        client.close();
        broker.close();
        owner.close(Duration.ofSeconds(5));
    }

    @Test
    void everyCompletionRunsOnTheOwnersThreadNeverOnAnEventLoop() throws Exception {
        RequestSender sender = client.sender(owner);
        List<String> threads = new CopyOnWriteArrayList<>();
        List<CompletableFuture<?>> all = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            all.add(sender.<MetadataResponse>send(broker.endpoint(0), MetadataRequest.builder().build())
                    .thenAccept(r -> threads.add(Thread.currentThread().getName())));
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);

        assertThat(threads).hasSize(200).allMatch(n -> n.startsWith("brook-owned-test-callbacks-"),
                "runs on the owner's executor");
        assertThat(threads).noneMatch(n -> n.startsWith("brook-owned-io-"));
    }

    @Test
    void aCallbackThatBlocksOnAnotherRequestNeitherDeadlocksNorStallsOthers() throws Exception {
        RequestSender sender = client.sender(owner);
        CompletableFuture<String> inner = new CompletableFuture<>();
        CompletableFuture<Void> outer = sender.<MetadataResponse>send(broker.endpoint(0),
                MetadataRequest.builder().build()).thenAccept(r -> {
                    // A user blocking inside a callback on a second request of the same client.
                    MetadataResponse second = sender.<MetadataResponse>send(broker.endpoint(0),
                            MetadataRequest.builder().build()).join();
                    inner.complete(second.clusterId());
                });
        // Meanwhile other requests keep completing.
        List<CompletableFuture<MetadataResponse>> others = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            others.add(sender.send(broker.endpoint(0), MetadataRequest.builder().build()));
        }

        assertThat(inner.get(10, TimeUnit.SECONDS)).isEqualTo("c");
        outer.get(10, TimeUnit.SECONDS);
        for (CompletableFuture<MetadataResponse> f : others) {
            assertThat(f.get(10, TimeUnit.SECONDS).clusterId()).isEqualTo("c");
        }
    }
}
