package io.brook.examples;

import io.brook.common.Deserializers;
import io.brook.common.TopicPartition;
import io.brook.consumer.Consumer;
import io.brook.consumer.ConsumerRecord;
import io.brook.consumer.ConsumerRecords;
import io.brook.consumer.WakeupException;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One member of the demo's consumer group: a Brook {@link Consumer} polled on a thread of its own until
 * {@link #stop()}. It counts what it receives, marks each record's sequence number (the demo's key) so that
 * duplicates and gaps show, and keeps the end-to-end latency (poll time minus the producer's CreateTime) of the
 * records from a given sequence number on (the demo's paced phase).
 *
 * <p>Thread ownership: the consumer and the latency array belong to the member's thread; {@link #received()} and
 * {@link #assignment()} are read from the main thread (an atomic counter and a volatile snapshot).
 */
final class GroupMember implements Runnable {
    private final Consumer<String, String> consumer;
    private final ReceivedLedger ledger;
    private final AtomicLong received = new AtomicLong();
    private volatile Set<TopicPartition> assignment = Set.of();
    private volatile long firstReceivedNanos;
    private long[] latenciesMs = new long[1 << 16];
    private int latencyCount;
    private final Thread thread;

    private final int latencyFromSequence;

    GroupMember(String name, String bootstrap, String topic, String group, ReceivedLedger ledger,
            int latencyFromSequence) {
        this.latencyFromSequence = latencyFromSequence;
        Map<String, Object> config = new HashMap<>();
        config.put("bootstrap.servers", bootstrap);
        config.put("group.id", group);
        config.put("client.id", name);
        config.put("auto.offset.reset", "earliest");
        this.consumer = Consumer.create(config, Deserializers.string(), Deserializers.string());
        this.consumer.subscribe(java.util.List.of(topic));
        this.ledger = ledger;
        this.thread = new Thread(this, name);
    }

    void start() {
        thread.start();
    }

    @Override
    public void run() {
        try {
            while (true) {
                ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(200));
                assignment = Set.copyOf(consumer.assignment());
                if (records.isEmpty()) {
                    continue;
                }
                long nowMs = System.currentTimeMillis();
                long nowNanos = System.nanoTime();
                if (firstReceivedNanos == 0) {
                    firstReceivedNanos = nowNanos;
                }
                for (ConsumerRecord<String, String> record : records) {
                    int sequence = Integer.parseInt(record.key());
                    ledger.mark(sequence);
                    if (sequence >= latencyFromSequence) {
                        addLatency(Math.max(0, nowMs - record.timestamp()));
                    }
                }
                received.addAndGet(records.count());
            }
        } catch (WakeupException stopping) {
            // stop() was called
        } finally {
            consumer.close(Duration.ofSeconds(10));
        }
    }

    private void addLatency(long ms) {
        if (latencyCount == latenciesMs.length) {
            latenciesMs = Arrays.copyOf(latenciesMs, latenciesMs.length * 2);
        }
        latenciesMs[latencyCount++] = ms;
    }

    void stop() throws InterruptedException {
        if (!thread.isAlive()) {
            return;
        }
        consumer.wakeup();
        thread.join(15_000);
    }

    long received() {
        return received.get();
    }

    Set<TopicPartition> assignment() {
        return assignment;
    }

    long firstReceivedNanos() {
        return firstReceivedNanos;
    }

    /** The latencies seen, valid after {@link #stop()} returned. */
    long[] latenciesMs() {
        return Arrays.copyOf(latenciesMs, latencyCount);
    }
}
