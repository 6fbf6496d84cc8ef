package io.brook.it.consumer;

import io.brook.common.Deserializers;
import io.brook.common.TopicPartition;
import io.brook.consumer.Consumer;
import io.brook.consumer.ConsumerRecord;
import io.brook.consumer.RebalanceListener;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One Brook group member polling on a thread of its own, as a service would: it records every record it gets
 * (partition and offset) into a shared log, commits after every poll, and commits what it processed when
 * partitions are revoked. Test scope.
 */
final class GroupWorker implements AutoCloseable {
    /** One record as consumed: by whom, where. */
    record Consumed(String member, TopicPartition partition, long offset) {}

    private final String name;
    private final Consumer<byte[], byte[]> consumer;
    private final ConcurrentLinkedQueue<Consumed> log;
    private final Set<TopicPartition> owned = new CopyOnWriteArraySet<>();
    private final AtomicBoolean stop = new AtomicBoolean();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final Thread thread;

    GroupWorker(String name, Map<String, Object> config, Collection<String> topics,
            ConcurrentLinkedQueue<Consumed> log) {
        this.name = name;
        this.log = log;
        Map<String, Object> c = new HashMap<>(config);
        c.put("client.id", name);
        this.consumer = Consumer.create(c, Deserializers.bytes(), Deserializers.bytes());
        this.thread = new Thread(() -> run(List.copyOf(topics)), "worker-" + name);
        thread.start();
    }

    private void run(List<String> topics) {
        try {
            consumer.subscribe(topics, new RebalanceListener() {
                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                    consumer.commitSync();
                    owned.removeAll(partitions);
                }

                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                    owned.addAll(partitions);
                }

                @Override
                public void onPartitionsLost(Collection<TopicPartition> partitions) {
                    owned.removeAll(partitions);
                }
            });
            while (!stop.get()) {
                boolean any = false;
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                    log.add(new Consumed(name, new TopicPartition(r.topic(), r.partition()), r.offset()));
                    any = true;
                }
                if (any) {
                    consumer.commitSync();
                }
            }
        } catch (Throwable t) {
            failure.set(t);
        }
    }

    String name() {
        return name;
    }

    /** The partitions the rebalance listener says this member owns now. */
    Set<TopicPartition> owned() {
        return Set.copyOf(owned);
    }

    Throwable failure() {
        return failure.get();
    }

    /** Stops polling and closes the consumer on the polling thread (committing and leaving the group). */
    @Override
    public void close() throws InterruptedException {
        stop.set(true);
        thread.join(TimeUnit.SECONDS.toMillis(60));
        consumer.close(Duration.ofSeconds(30));
    }

    /** Every record consumed so far, grouped by partition: offsets in consumption order. */
    static Map<TopicPartition, List<Long>> byPartition(Collection<Consumed> consumed) {
        Map<TopicPartition, List<Long>> out = new ConcurrentHashMap<>();
        for (Consumed c : consumed) {
            out.computeIfAbsent(c.partition(), tp -> new java.util.ArrayList<>()).add(c.offset());
        }
        return out;
    }
}
