package io.brook.it.consumer;

import io.brook.common.TopicPartition;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * A kafka-clients group member polling on a thread of its own, the counterpart of {@link GroupWorker} in mixed
 * groups: same log, same commit rules. Test scope.
 */
final class KafkaWorker implements AutoCloseable {
    private final String name;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final ConcurrentLinkedQueue<GroupWorker.Consumed> log;
    private final Set<TopicPartition> owned = new CopyOnWriteArraySet<>();
    private final AtomicBoolean stop = new AtomicBoolean();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final Thread thread;

    KafkaWorker(String name, String bootstrapServers, String group, String assignorClass, String topic,
            ConcurrentLinkedQueue<GroupWorker.Consumed> log) {
        this.name = name;
        this.log = log;
        Map<String, Object> c = new HashMap<>();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        c.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        c.put(ConsumerConfig.CLIENT_ID_CONFIG, name);
        c.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, assignorClass);
        c.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, ConsumerItBase.SESSION_MS);
        c.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 500);
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        this.consumer = new KafkaConsumer<>(c, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.thread = new Thread(() -> run(topic), "kafka-worker-" + name);
        thread.start();
    }

    private void run(String topic) {
        try {
            consumer.subscribe(List.of(topic), new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsRevoked(Collection<org.apache.kafka.common.TopicPartition> partitions) {
                    consumer.commitSync();
                    partitions.forEach(tp -> owned.remove(new TopicPartition(tp.topic(), tp.partition())));
                }

                @Override
                public void onPartitionsAssigned(Collection<org.apache.kafka.common.TopicPartition> partitions) {
                    partitions.forEach(tp -> owned.add(new TopicPartition(tp.topic(), tp.partition())));
                }

                @Override
                public void onPartitionsLost(Collection<org.apache.kafka.common.TopicPartition> partitions) {
                    partitions.forEach(tp -> owned.remove(new TopicPartition(tp.topic(), tp.partition())));
                }
            });
            while (!stop.get()) {
                boolean any = false;
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                    log.add(new GroupWorker.Consumed(name, new TopicPartition(r.topic(), r.partition()), r.offset()));
                    any = true;
                }
                if (any) {
                    consumer.commitSync();
                }
            }
            consumer.close(Duration.ofSeconds(30));
        } catch (Throwable t) {
            failure.set(t);
        }
    }

    Set<TopicPartition> owned() {
        return Set.copyOf(owned);
    }

    Throwable failure() {
        return failure.get();
    }

    @Override
    public void close() throws InterruptedException {
        stop.set(true);
        thread.join(TimeUnit.SECONDS.toMillis(60));
    }
}
