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
    void bufferMemoryFullMakesSendWaitUpToMaxBlockThenFail() {
        try (Producer<String, byte[]> producer = Producer.create(config("full", "buffer.memory", 40_000,
                "batch.size", 16_384, "max.block.ms", 300), Serializers.string(), Serializers.bytes())) {
            // Topic metadata never arrives: records wait, holding memory, until none is left.
            CompletableFuture<RecordMetadata> last = null;
            long start = System.nanoTime();
            for (int i = 0; i < 10; i++) {
                last = producer.send(ProducerRecord.of("t", "k", new byte[10_000]));
                if (last.isCompletedExceptionally()) {
                    break;
                }
            }
            assertThat(last).isCompletedExceptionally();
            assertThatThrownBy(last::join).cause().isInstanceOf(TimeoutException.class)
                    .hasMessageContaining("buffer.memory").hasMessageContaining("max.block.ms (300 ms)");
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isGreaterThanOrEqualTo(290);
            producer.close(Duration.ZERO);
        }
    }

    private static List<String> threads(String clientId) {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(n -> n.startsWith("brook-" + clientId + "-")).toList();
    }
}
