package io.brook.core.internal.event;

import static org.assertj.core.api.Assertions.assertThat;

import io.brook.common.event.BrokerAddress;
import io.brook.common.event.ClientEvent;
import io.brook.common.event.ConnectEvent;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 20, unit = TimeUnit.SECONDS)
class EventDispatcherTest {
    private static final BrokerAddress BROKER = new BrokerAddress(1, "b1", 9092);

    private static ConnectEvent event(long n) {
        return new ConnectEvent("c", n, BROKER);
    }

    @Test
    void deliversInOrderOnItsOwnNamedThread() throws Exception {
        List<ClientEvent> seen = new CopyOnWriteArrayList<>();
        List<String> threads = new CopyOnWriteArrayList<>();
        EventDispatcher d = new EventDispatcher("c", e -> {
            seen.add(e);
            threads.add(Thread.currentThread().getName());
        });
        for (int i = 0; i < 100; i++) {
            d.emit(event(i));
        }
        d.close(Duration.ofSeconds(5));
        assertThat(seen).extracting(ClientEvent::timestampMs).containsExactlyElementsOf(
                java.util.stream.LongStream.range(0, 100).boxed().toList());
        assertThat(threads).containsOnly("brook-c-events");
        assertThat(d.delivered()).isEqualTo(100);
    }

    @Test
    void aSlowListenerNeverBlocksTheEmitterEventsAreDroppedAndCounted() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        EventDispatcher d = new EventDispatcher("c", e -> {
            try {
                release.await();
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }, 10);
        long start = System.nanoTime();
        for (int i = 0; i < 1_000; i++) {
            d.emit(event(i));
        }
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(1_000);
        assertThat(d.dropped()).isGreaterThanOrEqualTo(1_000 - 11);
        release.countDown();
        d.close(Duration.ofSeconds(5));
    }

    @Test
    void aThrowingListenerIsKeptAndGetsLaterEvents() throws Exception {
        List<ClientEvent> seen = new CopyOnWriteArrayList<>();
        EventDispatcher d = new EventDispatcher("c", e -> {
            seen.add(e);
            throw new IllegalStateException("listener bug");
        });
        for (int i = 0; i < 5; i++) {
            d.emit(event(i));
        }
        d.close(Duration.ofSeconds(5));
        assertThat(seen).hasSize(5);
    }

    @Test
    void withoutAListenerNothingIsStartedOrEmitted() {
        EventSink sink = EventDispatcher.forListener("c", null);
        assertThat(sink).isSameAs(EventSink.NONE);
        assertThat(sink.enabled()).isFalse();
        sink.emit(event(1));
    }

    @Test
    void closeEndsTheThreadAndLaterEventsAreIgnored() throws Exception {
        List<ClientEvent> seen = new CopyOnWriteArrayList<>();
        EventDispatcher d = new EventDispatcher("gone", seen::add);
        d.close(Duration.ofSeconds(5));
        d.emit(event(1));
        assertThat(d.enabled()).isFalse();
        Thread.sleep(50);
        assertThat(seen).isEmpty();
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().equals("brook-gone-events"));
    }
}
