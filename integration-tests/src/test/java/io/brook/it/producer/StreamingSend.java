package io.brook.it.producer;

import static org.assertj.core.api.Assertions.assertThat;

import io.brook.producer.Producer;
import io.brook.producer.ProducerRecord;
import io.brook.producer.RecordMetadata;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * A steady stream of numbered records sent from a thread of its own, so that a test can break the cluster while
 * records are on their way, then check with kafka-clients that every record arrived exactly once at the offset its
 * future reported.
 */
final class StreamingSend {
    private final Producer<byte[], byte[]> producer;
    private final String topic;
    private final int records;
    private final List<CompletableFuture<RecordMetadata>> futures = new CopyOnWriteArrayList<>();
    private final Thread thread;
    private volatile Throwable error;

    /** @param pauseEvery100 pause after every 100 records, to spread the stream over time */
    StreamingSend(Producer<byte[], byte[]> producer, String topic, int records, Duration pauseEvery100) {
        this.producer = producer;
        this.topic = topic;
        this.records = records;
        this.thread = new Thread(() -> {
            try {
                for (int i = 0; i < records; i++) {
                    futures.add(producer.send(new ProducerRecord<>(topic, key(i), value(i))));
                    if (i % 100 == 99) {
                        Thread.sleep(pauseEvery100.toMillis());
                    }
                }
            } catch (Throwable t) {
                error = t;
            }
        }, "streaming-send");
    }

    StreamingSend start() {
        thread.start();
        return this;
    }

    /** Waits until at least {@code n} records were sent. */
    void awaitSent(int n) throws InterruptedException {
        while (futures.size() < n && thread.isAlive()) {
            Thread.sleep(10);
        }
    }

    /** Waits for the stream to end and every future to complete; asserts every one succeeded. */
    List<RecordMetadata> awaitAllWritten(Duration timeout) throws Exception {
        thread.join(timeout.toMillis());
        assertThat(thread.isAlive()).as("sending thread still running").isFalse();
        assertThat(error).as("sending thread failed").isNull();
        assertThat(futures).hasSize(records);
        CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(timeout.toMillis(),
                TimeUnit.MILLISECONDS);
        return futures.stream().map(CompletableFuture::join).toList();
    }

    /** Asserts that {@code read} holds every record exactly once, where its future said. */
    void assertExactlyOnce(List<RecordMetadata> written, List<ConsumerRecord<byte[], byte[]>> read) {
        assertThat(read).as("records read back").hasSize(records);
        Map<Integer, ConsumerRecord<byte[], byte[]>> byIndex = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : read) {
            int i = ByteBuffer.wrap(r.value()).getInt();
            assertThat(byIndex.put(i, r)).as("record %d written twice", i).isNull();
        }
        for (int i = 0; i < records; i++) {
            ConsumerRecord<byte[], byte[]> r = byIndex.get(i);
            assertThat(r).as("record %d lost", i).isNotNull();
            assertThat(written.get(i).partition()).isEqualTo(r.partition());
            assertThat(written.get(i).offset()).as("offset of record %d", i).isEqualTo(r.offset());
            assertThat(r.topic()).isEqualTo(topic);
        }
    }

    static byte[] key(int i) {
        return ("k" + (i % 97)).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    static byte[] value(int i) {
        byte[] v = new byte[100];
        ByteBuffer.wrap(v).putInt(i);
        return v;
    }
}
