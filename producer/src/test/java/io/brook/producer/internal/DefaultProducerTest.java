package io.brook.producer.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.brook.common.Serializers;
import io.brook.common.errors.RecordTooLargeException;
import io.brook.common.errors.SerializationException;
import io.brook.common.errors.TimeoutException;
import io.brook.producer.Producer;
import io.brook.producer.ProducerClosedException;
import io.brook.producer.ProducerRecord;
import io.brook.producer.RecordMetadata;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The producer facade without a broker (its bootstrap server refuses connections): send never waits, close(timeout)
 * fails what is pending with a typed error and stops every thread.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class DefaultProducerTest {

    private static Map<String, Object> config(String clientId, Object... kv) {
        Map<String, Object> m = new HashMap<>();
        m.put("bootstrap.servers", "127.0.0.1:1");
        m.put("client.id", clientId);
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void sendReturnsAtOnceEvenWithoutAnyBroker() {
        try (Producer<String, String> producer = Producer.create(config("no-wait"), Serializers.string(),
                Serializers.string())) {
            long start = System.nanoTime();
            for (int i = 0; i < 1_000; i++) {
                producer.send(ProducerRecord.of("t" + (i % 10), "k" + i, "v"));
            }
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(2_000);
            producer.close(Duration.ZERO);
        }
    }

    @Test
    void closeWithATimeoutFailsEveryPendingRecordWithATypedErrorAndStopsItsThreads() throws Exception {
        Producer<String, String> producer = Producer.create(config("closing"), Serializers.string(),
                Serializers.string());
        List<CompletableFuture<RecordMetadata>> pending = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            pending.add(producer.send(ProducerRecord.of("t", "k" + i, "v")));
        }
        assertThat(threads("closing")).contains("brook-closing-producer-sender");
        long start = System.nanoTime();
        producer.close(Duration.ofMillis(300));
        long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertThat(tookMs).as("close returns within its timeout and the clean-up").isLessThan(6_000);
        for (CompletableFuture<RecordMetadata> f : pending) {
            assertThat(f).isCompletedExceptionally();
            assertThatThrownBy(f::join).cause().isInstanceOf(ProducerClosedException.class)
                    .hasMessageContaining("closing");
        }
        CompletableFuture<RecordMetadata> late = producer.send(ProducerRecord.of("t", "k", "v"));
        assertThatThrownBy(late::join).cause().isInstanceOf(ProducerClosedException.class);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!threads("closing").isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(threads("closing")).as("threads left").isEmpty();
        producer.close();
    }

    @Test
    void aRecordTooLargeOrUnserializableFailsAtOnce() {
        try (Producer<String, byte[]> producer = Producer.create(config("at-once", "max.request.size", 1000),
                (topic, value) -> {
                    if (value.equals("boom")) {
                        throw new IllegalStateException("cannot");
                    }
                    return value.getBytes();
                }, Serializers.bytes())) {
            CompletableFuture<RecordMetadata> big = producer.send(ProducerRecord.of("t", "k", new byte[2000]));
            assertThat(big).isCompletedExceptionally();
            assertThatThrownBy(big::join).cause().isInstanceOf(RecordTooLargeException.class)
                    .hasMessageContaining("max.request.size (1000");
            CompletableFuture<RecordMetadata> bad = producer.send(ProducerRecord.of("t", "boom", new byte[1]));
            assertThatThrownBy(bad::join).cause().isInstanceOf(SerializationException.class)
                    .hasMessageContaining("'t'").hasRootCauseMessage("cannot");
            producer.close(Duration.ZERO);
        }
    }

    @Test
    void aFullBufferMakesSendWaitUntilRoomIsFreed() throws InterruptedException {
        try (Producer<String, byte[]> producer = Producer.create(config("full", "buffer.memory", 40_000,
                "max.block.ms", 400), Serializers.string(), Serializers.bytes())) {
            // No broker: records wait for metadata, holding their memory, until max.block.ms passes.
            List<CompletableFuture<RecordMetadata>> holding = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                holding.add(producer.send(ProducerRecord.of("t", "k", new byte[10_000])));
            }
            // The first records give their memory back at 400 ms; this send waits from 200 ms, until 600 ms at most.
            Thread.sleep(200);
            long start = System.nanoTime();
            CompletableFuture<RecordMetadata> waiting = producer.send(ProducerRecord.of("t", "k", new byte[10_000]));
            long waitedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertThat(waitedMs).as("send waited for the memory the first records held").isGreaterThanOrEqualTo(100);
            for (CompletableFuture<RecordMetadata> f : holding) {
                // Failed on the sender thread; completed on the callback thread a moment later.
                assertThatThrownBy(() -> f.get(5, TimeUnit.SECONDS)).cause().isInstanceOf(TimeoutException.class)
                        .hasMessageContaining("'t' not present in metadata after 400 ms");
            }
            assertThat(waiting).isNotDone();
            producer.close(Duration.ZERO);
        }
    }

    private static List<String> threads(String clientId) {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(n -> n.startsWith("brook-" + clientId + "-")).toList();
    }
}
