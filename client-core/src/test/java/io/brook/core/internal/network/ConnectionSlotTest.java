package io.brook.core.internal.network;

import static io.brook.core.internal.network.RequestPipelineTest.causeOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.brook.common.errors.NetworkClientClosedException;
import io.brook.common.errors.NetworkException;
import io.brook.common.errors.UnresolvedHostException;
import io.brook.core.ManualTime;
import io.brook.core.internal.util.ExponentialBackoff;
import io.netty.channel.ChannelFuture;
import io.netty.channel.EventLoop;
import io.netty.channel.embedded.EmbeddedChannel;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The connection attempt logic of {@link ConnectionSlot} on an {@link EmbeddedChannel}'s event loop, with a scripted
 * host name lookup and a scripted channel opener: which address each attempt uses, its setup timeout, and how
 * lookups that fail or hang fail the attempt.
 */
class ConnectionSlotTest {
    private static final Endpoint BROKER = new Endpoint(1, "broker.test", 9092);

    private final ManualTime time = new ManualTime();
    /** Its event loop is the slot's; the test moves that loop's clock and runs its timers. */
    private final EmbeddedChannel loopChannel = new EmbeddedChannel();
    private final List<EmbeddedChannel> opened = new ArrayList<>();
    private final List<Attempt> attempts = new ArrayList<>();
    private final Map<String, List<CompletableFuture<List<InetAddress>>>> lookups = new HashMap<>();
    /** Whether the next opened channel completes its handshake (else its connect fails). */
    private boolean nextAttemptSucceeds;

    private record Attempt(InetSocketAddress address, long setupTimeoutMs) {}

    @AfterEach
    void tearDown() {
        opened.forEach(EmbeddedChannel::finishAndReleaseAll);
        loopChannel.finishAndReleaseAll();
    }

    private ConnectionSlot slot(ExponentialBackoff setupTimeouts) {
        loopChannel.freezeTime();
        ConnectionSlot.Settings settings = new ConnectionSlot.Settings(this::open, this::lookUp,
                new VersionNegotiator(Map.of()), time, ExponentialBackoff.fixed(0), setupTimeouts, -1, 100, 100, 1_000,
                "slot-test", io.brook.core.internal.event.EventSink.NONE);
        return new ConnectionSlot(BROKER, (EventLoop) loopChannel.eventLoop(), settings);
    }

    private ChannelFuture open(Endpoint endpoint, InetSocketAddress address, long setupTimeoutMs, EventLoop loop,
            CompletableFuture<BrokerApiVersions> handshake) {
        attempts.add(new Attempt(address, setupTimeoutMs));
        EmbeddedChannel ch = new EmbeddedChannel();
        opened.add(ch);
        if (nextAttemptSucceeds) {
            handshake.complete(BrokerApiVersions.from(FakeBroker.allApiVersions()));
            return ch.newSucceededFuture();
        }
        return ch.newFailedFuture(new ConnectException("Connection refused: " + address));
    }

    private CompletableFuture<List<InetAddress>> lookUp(String host) {
        CompletableFuture<List<InetAddress>> f = new CompletableFuture<>();
        lookups.computeIfAbsent(host, h -> new ArrayList<>()).add(f);
        return f;
    }

    private CompletableFuture<List<InetAddress>> lastLookup() {
        List<CompletableFuture<List<InetAddress>>> of = lookups.get(BROKER.host());
        return of.get(of.size() - 1);
    }

    private int lookupCount() {
        return lookups.getOrDefault(BROKER.host(), List.of()).size();
    }

    private static InetAddress ip(int last) throws UnknownHostException {
        return InetAddress.getByAddress(BROKER.host(), new byte[] {10, 0, 0, (byte) last});
    }

    private static ExponentialBackoff noJitter(long initialMs, long maxMs) {
        // A random value of 0.5 makes the jitter factor exactly 1: deterministic timeouts.
        return new ExponentialBackoff(initialMs, 2.0, maxMs, 0.2, () -> 0.5);
    }

    @Test
    void eachAttemptTakesTheNextResolvedAddressThenTheNameIsResolvedAgain() throws Exception {
        ConnectionSlot slot = slot(noJitter(1_000, 1_000));

        CompletableFuture<BrokerApiVersions> first = slot.connect();
        assertThat(first).as("waits for the lookup").isNotDone();
        lastLookup().complete(List.of(ip(1), ip(2)));
        assertThat(causeOf(first)).isInstanceOf(NetworkException.class).hasMessageContaining("10.0.0.1");
        assertThat(causeOf(slot.connect())).hasMessageContaining("10.0.0.2");
        assertThat(lookupCount()).isEqualTo(1);

        // Every address tried: the third attempt resolves again, and does not start with the address tried last.
        CompletableFuture<BrokerApiVersions> third = slot.connect();
        assertThat(lookupCount()).isEqualTo(2);
        lastLookup().complete(List.of(ip(2), ip(3)));
        assertThat(causeOf(third)).hasMessageContaining("10.0.0.3");

        assertThat(attempts).extracting(a -> a.address().getAddress()).containsExactly(ip(1), ip(2), ip(3));
        assertThat(attempts).extracting(a -> a.address().getPort()).containsOnly(BROKER.port());
    }

    @Test
    void anEstablishedConnectionThatEndsIsFollowedByAFreshLookup() throws Exception {
        ConnectionSlot slot = slot(noJitter(1_000, 1_000));
        nextAttemptSucceeds = true;
        CompletableFuture<BrokerApiVersions> ready = slot.connect();
        lastLookup().complete(List.of(ip(1), ip(2)));
        assertThat(ready).isCompleted();
        assertThat(slot.state()).isEqualTo(ConnectionSlot.State.READY);

        opened.get(0).close();
        assertThat(slot.state()).isEqualTo(ConnectionSlot.State.DISCONNECTED);
        slot.connect();

        assertThat(lookupCount()).as("resolved again: the broker may have moved").isEqualTo(2);
        lastLookup().complete(List.of(ip(1), ip(2)));
        assertThat(attempts).extracting(a -> a.address().getAddress()).containsExactly(ip(1), ip(2));
    }

    @Test
    void theSetupTimeoutDoublesWithEachConsecutiveFailureUpToTheMaximumAndResetsOnSuccess() throws Exception {
        ConnectionSlot slot = slot(noJitter(1_000, 5_000));
        for (int i = 0; i < 5; i++) {
            CompletableFuture<BrokerApiVersions> attempt = slot.connect();
            if (!lookups.isEmpty() && !lastLookup().isDone()) {
                lastLookup().complete(List.of(ip(1)));
            }
            assertThat(causeOf(attempt)).isInstanceOf(NetworkException.class);
        }
        nextAttemptSucceeds = true;
        slot.connect();
        lastLookup().complete(List.of(ip(1)));
        assertThat(slot.state()).isEqualTo(ConnectionSlot.State.READY);
        opened.get(opened.size() - 1).close();
        nextAttemptSucceeds = false;
        slot.connect();
        lastLookup().complete(List.of(ip(1)));

        assertThat(attempts).extracting(Attempt::setupTimeoutMs)
                .containsExactly(1_000L, 2_000L, 4_000L, 5_000L, 5_000L, 5_000L, 1_000L);
    }

    @Test
    void aNameThatDoesNotResolveFailsTheAttemptRetriablyNamingTheHost() {
        ConnectionSlot slot = slot(noJitter(1_000, 1_000));
        CompletableFuture<BrokerApiVersions> attempt = slot.connect();

        lastLookup().completeExceptionally(new UnknownHostException(BROKER.host() + ": Name or service not known"));

        Throwable error = causeOf(attempt);
        assertThat(error).isInstanceOf(UnresolvedHostException.class)
                .hasMessageContaining("broker.test").hasMessageContaining(BROKER.toString())
                .hasCauseInstanceOf(UnknownHostException.class);
        assertThat(((UnresolvedHostException) error).host()).isEqualTo("broker.test");
        assertThat(((UnresolvedHostException) error).isRetriable()).isTrue();
        assertThat(attempts).isEmpty();
        assertThat(slot.state()).isEqualTo(ConnectionSlot.State.BACKING_OFF);
    }

    @Test
    void aLookupThatOutlastsTheSetupTimeoutFailsTheAttemptAndItsLateAnswerIsIgnored() throws Exception {
        ConnectionSlot slot = slot(noJitter(3_000, 3_000));
        CompletableFuture<BrokerApiVersions> attempt = slot.connect();

        // The deadline is read from the injected clock; the loop's own clock only drives the periodic check.
        time.advance(2_999);
        loopChannel.advanceTimeBy(2_999, TimeUnit.MILLISECONDS);
        loopChannel.runScheduledPendingTasks();
        assertThat(attempt).isNotDone();
        time.advance(1);
        loopChannel.advanceTimeBy(100, TimeUnit.MILLISECONDS);
        loopChannel.runScheduledPendingTasks();

        assertThat(causeOf(attempt)).isInstanceOf(UnresolvedHostException.class)
                .hasMessageContaining("broker.test").hasMessageContaining("3000 ms");
        lastLookup().complete(List.of(ip(1)));
        assertThat(attempts).as("the late answer starts no connection").isEmpty();
        assertThat(slot.state()).isEqualTo(ConnectionSlot.State.BACKING_OFF);
    }

    @Test
    void closeDuringALookupFailsTheWaitersAndIgnoresTheAnswer() throws Exception {
        ConnectionSlot slot = slot(noJitter(1_000, 1_000));
        CompletableFuture<BrokerApiVersions> attempt = slot.connect();

        slot.close();

        assertThat(causeOf(attempt)).isInstanceOf(NetworkClientClosedException.class);
        lastLookup().complete(List.of(ip(1)));
        assertThat(attempts).isEmpty();
        assertThat(slot.state()).isEqualTo(ConnectionSlot.State.CLOSED);
    }
}
