package io.brook.core.internal.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.brook.common.errors.BrookException;
import io.brook.common.errors.NetworkException;
import io.brook.common.errors.TimeoutException;
import io.brook.common.errors.UnsupportedVersionException;
import io.brook.core.ManualTime;
import io.brook.core.internal.network.Endpoint;
import io.brook.core.internal.network.RequestBuilder;
import io.brook.core.internal.network.ScriptedRequestSender;
import io.brook.core.internal.network.VersionRange;
import io.brook.core.internal.util.ExponentialBackoff;
import io.brook.core.internal.util.ManualScheduler;
import io.brook.protocol.ApiMessage;
import io.brook.protocol.message.DescribeClusterRequest;
import io.brook.protocol.message.DescribeClusterResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class CallDriverTest {
    private static final Endpoint BROKER_1 = new Endpoint(1, "broker1", 9092);
    private static final Endpoint BROKER_2 = new Endpoint(2, "broker2", 9092);

    private final ManualTime time = new ManualTime();
    private final ManualScheduler scheduler = new ManualScheduler(time);
    private final ScriptedRequestSender sender = new ScriptedRequestSender();
    private final List<Endpoint> brokers = new ArrayList<>(List.of(BROKER_1, BROKER_2));
    private int nextBroker;
    private final List<String> reports = new ArrayList<>();
    private final BrokerSelector selector = new BrokerSelector() {
        @Override
        public CompletableFuture<Endpoint> anyBroker() {
            return CompletableFuture.completedFuture(
                    brokers.isEmpty() ? null : brokers.get(nextBroker++ % brokers.size()));
        }

        @Override
        public void failed(Endpoint broker, Throwable error) {
            reports.add("failed " + broker.nodeId() + ": " + error.getMessage());
        }

        @Override
        public void answered(Endpoint broker) {
            reports.add("answered " + broker.nodeId());
        }
    };
    private final ExponentialBackoff backoff = new ExponentialBackoff(100, 2.0, 1_000, 0.0);

    /** A handler returning "ok" on any response, with the default failure handling. */
    private static class OneShot implements SingleRequestHandler<String> {
        final List<Long> remaining = new ArrayList<>();
        Function<ApiMessage, Step<String>> onResponse = r -> Step.done("ok");

        @Override
        public String callName() {
            return "testCall";
        }

        @Override
        public CallRequest nextRequest(long remainingMs) {
            remaining.add(remainingMs);
            return CallRequest.toAnyBroker(DescribeClusterRequest.builder().build());
        }

        @Override
        public Step<String> onResponse(CallRequest request, Endpoint from, ApiMessage response) {
            return onResponse.apply(response);
        }
    }

    private CallDriver<String> call(CallHandler<String> handler, long timeoutMs) {
        return call(handler, selector, timeoutMs, Integer.MAX_VALUE);
    }

    private CallDriver<String> call(CallHandler<String> handler, BrokerSelector brokers, long timeoutMs,
            int maxRetries) {
        return new CallDriver<>(handler, CallContext.of(sender, brokers, scheduler, time, backoff, maxRetries),
                timeoutMs);
    }

    private static DescribeClusterResponse cluster() {
        return DescribeClusterResponse.builder().clusterId("c").build();
    }

    @Test
    void completesWithTheHandlersResult() throws Exception {
        sender.respondNext(cluster());
        OneShot handler = new OneShot();

        CompletableFuture<String> result = call(handler, 5_000).start();

        assertThat(result.get()).isEqualTo("ok");
        assertThat(sender.sent()).hasSize(1);
        assertThat(sender.last().endpoint()).isEqualTo(BROKER_1);
        assertThat(handler.remaining).containsExactly(5_000L);
        assertThat(scheduler.pendingDueTimes()).as("deadline task cancelled").isEmpty();
    }

    @Test
    void retriesARetriableFailureAfterTheBackoffOnAnotherBroker() throws Exception {
        sender.failNext(new NetworkException("connection reset")).respondNext(cluster());

        CompletableFuture<String> result = call(new OneShot(), 5_000).start();
        assertThat(sender.sent()).hasSize(1);
        scheduler.advance(99);
        assertThat(sender.sent()).as("still backing off").hasSize(1);
        scheduler.advance(1);

        assertThat(result.get()).isEqualTo("ok");
        assertThat(sender.sent()).extracting(ScriptedRequestSender.Sent::endpoint).containsExactly(BROKER_1, BROKER_2);
    }

    @Test
    void backoffGrowsExponentiallyUpToTheMaximum() {
        for (int i = 0; i < 6; i++) {
            sender.failNext(new NetworkException("down"));
        }
        call(new OneShot(), 60_000).start();
        List<Long> sendTimes = new ArrayList<>();
        long start = time.monotonicMs();
        int seen = 0;
        for (int ms = 0; ms < 3_000; ms++) {
            if (sender.sent().size() > seen) {
                seen = sender.sent().size();
                sendTimes.add(time.monotonicMs() - start);
            }
            scheduler.advance(1);
        }
        assertThat(sendTimes).startsWith(0L, 100L, 300L, 700L, 1_500L, 2_500L);
    }

    @Test
    void failsAtOnceOnANonRetriableFailure() {
        UnsupportedVersionException error = new UnsupportedVersionException("too old");
        sender.failNext(error);

        CompletableFuture<String> result = call(new OneShot(), 5_000).start();

        assertThatThrownBy(result::get).isInstanceOf(ExecutionException.class).hasCause(error);
        assertThat(scheduler.pendingDueTimes()).isEmpty();
    }

    @Test
    void timesOutNamingTheCallWithTheLastErrorAsCause() {
        for (int i = 0; i < 100; i++) {
            sender.failNext(new NetworkException("broker down " + i));
        }
        CompletableFuture<String> result = call(new OneShot(), 2_000).start();

        scheduler.advance(1_999);
        assertThat(result).isNotDone();
        scheduler.advance(1);

        assertThatThrownBy(result::get).cause().isInstanceOf(TimeoutException.class)
                .hasMessageContaining("testCall timed out after 2000 ms")
                .hasMessageContaining("; last error: broker down 4") // tries at 0, 100, 300, 700, 1500 ms
                .cause().isInstanceOf(NetworkException.class);
        int sends = sender.sent().size();
        scheduler.advance(10_000);
        assertThat(sender.sent()).as("no sends after the deadline").hasSize(sends);
    }

    @Test
    void timesOutWhileARequestHangs() {
        sender.hangNext();
        CompletableFuture<String> result = call(new OneShot(), 1_000).start();

        scheduler.advance(1_000);

        assertThatThrownBy(result::get).cause().isInstanceOf(TimeoutException.class)
                .hasMessage("testCall timed out after 1000 ms");
        // The late response is ignored.
        sender.last().future().complete(cluster());
        assertThat(result).isCompletedExceptionally();
    }

    @Test
    void failStopsTheCallAndItsPendingRetry() {
        sender.failNext(new NetworkException("down"));
        CallDriver<String> call = call(new OneShot(), 5_000);
        CompletableFuture<String> result = call.start();
        BrookException closed = new BrookException("closed");

        call.fail(closed);
        scheduler.advance(5_000);

        assertThatThrownBy(result::get).hasCause(closed);
        assertThat(sender.sent()).hasSize(1);
        assertThat(scheduler.pendingDueTimes()).isEmpty();
    }

    @Test
    void retriesUntilABrokerIsKnown() throws Exception {
        brokers.clear();
        sender.respondNext(cluster());
        CompletableFuture<String> result = call(new OneShot(), 5_000).start();
        assertThat(sender.sent()).isEmpty();

        brokers.add(BROKER_2);
        scheduler.advance(100);

        assertThat(result.get()).isEqualTo("ok");
        assertThat(sender.last().endpoint()).isEqualTo(BROKER_2);
    }

    @Test
    void noBrokerEverKnownTimesOutSayingSo() {
        brokers.clear();
        CompletableFuture<String> result = call(new OneShot(), 1_000).start();
        scheduler.advance(1_000);
        assertThatThrownBy(result::get).cause().isInstanceOf(TimeoutException.class)
                .hasMessageContaining("no broker is known to send testCall to");
    }

    @Test
    void tellsTheSelectorWhichBrokersAnsweredAndWhichDidNot() throws Exception {
        sender.failNext(new NetworkException("connection reset")).respondNext(cluster());

        CompletableFuture<String> result = call(new OneShot(), 5_000).start();
        scheduler.advance(100);

        assertThat(result.get()).isEqualTo("ok");
        assertThat(reports).containsExactly("failed 1: connection reset", "answered 2");
    }

    @Test
    void waitsForTheSelectorToKnowABroker() throws Exception {
        CompletableFuture<Endpoint> known = new CompletableFuture<>();
        sender.respondNext(cluster());
        CompletableFuture<String> result = call(new OneShot(), () -> known, 5_000, Integer.MAX_VALUE).start();
        assertThat(sender.sent()).isEmpty();

        known.complete(BROKER_2);

        assertThat(result.get()).isEqualTo("ok");
        assertThat(sender.last().endpoint()).isEqualTo(BROKER_2);
    }

    @Test
    void timingOutWhileWaitingForABrokerNamesWhyNoneIsKnown() {
        NetworkException refused = new NetworkException("connection to 127.0.0.1:1 (bootstrap) refused");
        BrokerSelector none = new BrokerSelector() {
            @Override
            public CompletableFuture<Endpoint> anyBroker() {
                return new CompletableFuture<>();
            }

            @Override
            public java.util.Optional<Throwable> lastFailure() {
                return java.util.Optional.of(refused);
            }
        };
        CompletableFuture<String> result = call(new OneShot(), none, 1_000, Integer.MAX_VALUE).start();

        scheduler.advance(1_000);

        assertThatThrownBy(result::get).cause().isInstanceOf(TimeoutException.class)
                .hasMessage("testCall timed out after 1000 ms; last error: "
                        + "connection to 127.0.0.1:1 (bootstrap) refused")
                .cause().isSameAs(refused);
    }

    @Test
    void aSelectorThatCannotFindABrokerRetriesOrFailsTheCallAsItsErrorSays() {
        NetworkException transientError = new NetworkException("bootstrap unreachable");
        UnsupportedVersionException fatal = new UnsupportedVersionException("Metadata too old");
        List<CompletableFuture<Endpoint>> answers = new ArrayList<>(List.of(
                CompletableFuture.failedFuture(transientError), CompletableFuture.failedFuture(fatal)));
        CompletableFuture<String> result = call(new OneShot(), () -> answers.remove(0), 5_000,
                Integer.MAX_VALUE).start();
        assertThat(result).as("retried after the backoff").isNotDone();

        scheduler.advance(100);

        assertThatThrownBy(result::get).hasCause(fatal);
        assertThat(sender.sent()).isEmpty();
    }

    @Test
    void stopsAfterMaxRetriesWithTheLastError() {
        NetworkException third = new NetworkException("third");
        sender.failNext(new NetworkException("first")).failNext(new NetworkException("second")).failNext(third);
        CompletableFuture<String> result = call(new OneShot(), selector, 60_000, 2).start();

        scheduler.advance(1_000);

        assertThatThrownBy(result::get).hasCause(third);
        assertThat(sender.sent()).hasSize(3);
    }

    @Test
    void aHandlerThatThrowsFailsTheCall() {
        sender.respondNext(cluster());
        OneShot handler = new OneShot();
        handler.onResponse = r -> {
            throw new IllegalStateException("bug");
        };
        CompletableFuture<String> result = call(handler, 1_000).start();
        assertThatThrownBy(result::get).cause().isInstanceOf(IllegalStateException.class).hasMessage("bug");
    }

    @Test
    void sendNextResetsTheBackoffAndPassesTheRemainingTime() throws Exception {
        OneShot handler = new OneShot();
        int[] responses = {0};
        handler.onResponse = r -> ++responses[0] < 3 ? Step.sendNext() : Step.done("third");
        sender.respondNext(cluster()).respondNext(cluster()).respondNext(cluster());

        assertThat(call(handler, 5_000).start().get()).isEqualTo("third");
        assertThat(sender.sent()).hasSize(3);
    }

    @Test
    void passesTheRequestedEndpointAndVersions() throws Exception {
        SingleRequestHandler<String> handler = new OneShot() {
            @Override
            public CallRequest nextRequest(long remainingMs) {
                return CallRequest.toBroker(BROKER_2, RequestBuilder.of(DescribeClusterRequest.builder().build(),
                        VersionRange.of(0, 1)));
            }
        };
        sender.respondNext(cluster());

        call(handler, 1_000).start().get();

        assertThat(sender.last().endpoint()).isEqualTo(BROKER_2);
        assertThat(sender.last().version()).as("the highest version the request allows").isEqualTo((short) 1);
    }
}
