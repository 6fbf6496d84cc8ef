package io.brook.core.internal.network;

import static io.brook.core.internal.network.RequestPipelineTest.assertThatCause;
import static org.assertj.core.api.Assertions.assertThat;

import io.brook.common.errors.NetworkException;
import io.brook.common.errors.TimeoutException;
import io.brook.core.ManualTime;
import io.brook.protocol.ApiKey;
import io.brook.protocol.ApiMessage;
import io.brook.protocol.message.MetadataRequest;
import io.brook.protocol.message.MetadataResponse;
import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Request deadlines, driven by {@link ManualTime} and the embedded event loop's frozen clock. */
class RequestTimeoutsTest {
    private static final Endpoint BROKER = new Endpoint(1, "broker-1", 9092);
    private static final short V = ApiKey.METADATA.highestVersion();
    private static final long TICK_MS = 100;

    private final ManualTime time = new ManualTime();
    private EmbeddedChannel channel;

    @BeforeEach
    void setUp() {
        channel = new EmbeddedChannel();
        channel.freezeTime();
        BrokerChannelInitializer.addRequestHandlers(channel.pipeline(), NetworkConfig.defaults("timeouts"), time,
                TICK_MS);
    }

    @AfterEach
    void tearDown() {
        channel.finishAndReleaseAll();
    }

    private CompletableFuture<ApiMessage> send(long timeoutMs) {
        CompletableFuture<ApiMessage> future = new CompletableFuture<>();
        channel.writeOutbound(PendingRequest.of(BROKER, V, MetadataRequest.builder().build(), time.monotonicMs(),
                timeoutMs, future));
        ByteBuf frame = channel.readOutbound();
        frame.release();
        return future;
    }

    /** Moves Brook's clock and lets the event loop run the ticks that fall due. */
    private void advance(long ms) {
        time.advance(ms);
        channel.advanceTimeBy(ms, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();
    }

    @Test
    void aRequestIsNotTimedOutBeforeItsDeadline() {
        CompletableFuture<ApiMessage> future = send(1_000);
        advance(999);
        assertThat(future).isNotDone();
        assertThat(channel.isOpen()).isTrue();
    }

    @Test
    void anOverdueRequestFailsWithATimeoutNamingApiEndpointAndTimeout() {
        CompletableFuture<ApiMessage> future = send(1_000);
        advance(1_000);
        channel.advanceTimeBy(TICK_MS, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();

        assertThatCause(future).isInstanceOf(TimeoutException.class)
                .hasMessageContaining("Metadata v" + V)
                .hasMessageContaining("broker-1:9092")
                .hasMessageContaining("1000 ms");
        assertThat(((TimeoutException) RequestPipelineTest.causeOf(future)).isRetriable()).isTrue();
    }

    @Test
    void aTimeoutClosesTheConnectionAndFailsTheOthersWithTheReason() {
        CompletableFuture<ApiMessage> early = send(1_000);
        advance(500);
        CompletableFuture<ApiMessage> later = send(10_000);
        advance(600);

        assertThatCause(early).isInstanceOf(TimeoutException.class);
        assertThatCause(later).isInstanceOf(NetworkException.class).hasMessageContaining("timed out");
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void anAnsweredRequestNeverTimesOut() {
        CompletableFuture<ApiMessage> future = send(1_000);
        channel.writeInbound(TestFrames.response(0, MetadataResponse.builder().build(), V));
        advance(5_000);
        assertThat(future).isCompleted().isNotCompletedExceptionally();
        assertThat(channel.isOpen()).isTrue();
    }
}
