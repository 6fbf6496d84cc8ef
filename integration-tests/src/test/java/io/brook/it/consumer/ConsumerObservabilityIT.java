package io.brook.it.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.brook.common.Deserializers;
import io.brook.common.TopicPartition;
import io.brook.common.event.ClientEvent;
import io.brook.common.event.RequestEvent;
import io.brook.consumer.CommitEvent;
import io.brook.consumer.ConcurrentUseException;
import io.brook.consumer.Consumer;
import io.brook.consumer.FetchEvent;
import io.brook.consumer.GroupJoinEvent;
import io.brook.consumer.HeartbeatEvent;
import io.brook.consumer.RebalanceEndEvent;
import io.brook.consumer.RebalanceStartEvent;
import io.brook.testkit.KafkaCluster;
import io.brook.testkit.junit.KafkaClusterExtension;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What a consumer reports while it works: events to the listener (off the consumer's threads), Micrometer meters
 * with a lag gauge per partition, the one-thread rule, and threads that all end on close.
 */
@ExtendWith(KafkaClusterExtension.class)
class ConsumerObservabilityIT {

    @Test
    void eventsMetersAndLagOfAGroupMember(KafkaCluster cluster) throws Exception {
        String topic = "observed-" + UUID.randomUUID();
        String group = "g-" + UUID.randomUUID();
        List<ClientEvent> events = new CopyOnWriteArrayList<>();
        List<String> deliveryThreads = new CopyOnWriteArrayList<>();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (KafkaSide kafka = new KafkaSide(cluster.bootstrapServers())) {
            kafka.createTopic(topic, 2, 1);
            kafka.produce(topic, 2, 50, "none");
        }
        Map<String, Object> config = new HashMap<>();
        config.put("bootstrap.servers", cluster.bootstrapServers());
        config.put("group.id", group);
        config.put("client.id", "observed");
        config.put("auto.offset.reset", "earliest");
        config.put("heartbeat.interval.ms", 200);
        config.put("auto.commit.interval.ms", 100);
        Consumer<byte[], byte[]> consumer = Consumer.builder(config, Deserializers.bytes(), Deserializers.bytes())
                .eventListener(e -> {
                    events.add(e);
                    deliveryThreads.add(Thread.currentThread().getName());
                })
                .meterRegistry(registry)
                .build();
        try {
            consumer.subscribe(List.of(topic));
            int read = 0;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (read < 100 && System.nanoTime() < deadline) {
                read += consumer.poll(Duration.ofMillis(200)).count();
            }
            assertThat(read).isEqualTo(100);
            TopicPartition p0 = new TopicPartition(topic, 0);
            assertThat(consumer.currentLag(p0)).hasValue(0);
            // Heartbeats and the automatic commit come while the application keeps polling.
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
            while (System.nanoTime() < until) {
                consumer.poll(Duration.ofMillis(100));
            }
            Gauge lag = registry.find("brook.consumer.records.lag").tag("topic", topic).tag("partition", "0").gauge();
            assertThat(lag).isNotNull();
            assertThat(lag.value()).isZero();
            assertThat(registry.find("brook.consumer.fetch.requests").counter().count()).isPositive();
            assertThat(registry.find("brook.consumer.records.consumed").counter().count()).isEqualTo(100);
            assertThat(registry.find("brook.consumer.rebalances").counter().count()).isGreaterThanOrEqualTo(1);
            assertThat(registry.find("brook.consumer.poll.records").summary().count()).isPositive();
            assertThat(registry.find("brook.consumer.commit.latency").timer().count()).isPositive();
            assertThat(registry.getMeters()).allSatisfy(m -> assertThat(m.getId().getTag("client.id"))
                    .isEqualTo("observed"));

            // A second thread may not use the consumer while the first is inside poll.
            CountDownLatch inPoll = new CountDownLatch(1);
            CompletableFuture<Void> polling = CompletableFuture.runAsync(() -> {
                inPoll.countDown();
                consumer.poll(Duration.ofSeconds(2));
            });
            inPoll.await();
            Thread.sleep(200);
            assertThatThrownBy(() -> consumer.assignment()).isInstanceOf(ConcurrentUseException.class)
                    .hasMessageContaining("one thread at a time");
            polling.get(10, TimeUnit.SECONDS);
        } finally {
            consumer.close(Duration.ofSeconds(30));
        }
        assertThat(events).hasAtLeastOneElementOfType(GroupJoinEvent.class)
                .hasAtLeastOneElementOfType(HeartbeatEvent.class)
                .hasAtLeastOneElementOfType(RebalanceStartEvent.class)
                .hasAtLeastOneElementOfType(RebalanceEndEvent.class)
                .hasAtLeastOneElementOfType(CommitEvent.class)
                .hasAtLeastOneElementOfType(FetchEvent.class)
                .hasAtLeastOneElementOfType(RequestEvent.class);
        RebalanceEndEvent end = events.stream().filter(RebalanceEndEvent.class::isInstance)
                .map(RebalanceEndEvent.class::cast).findFirst().orElseThrow();
        assertThat(end.assigned()).containsExactlyInAnyOrder(new TopicPartition(topic, 0),
                new TopicPartition(topic, 1));
        assertThat(Set.copyOf(deliveryThreads)).containsExactly("brook-observed-events");
        // Meters are removed and every thread of the consumer ends on close.
        assertThat(registry.getMeters()).isEmpty();
        Thread.sleep(200);
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().startsWith("brook-observed-"));
    }
}
