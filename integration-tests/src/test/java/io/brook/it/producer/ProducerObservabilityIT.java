package io.brook.it.producer;

import static org.assertj.core.api.Assertions.assertThat;

import io.brook.common.Serializers;
import io.brook.common.event.ClientEvent;
import io.brook.common.event.ConnectEvent;
import io.brook.common.event.DisconnectEvent;
import io.brook.common.event.RequestEvent;
import io.brook.common.event.RequestQueueSizeEvent;
import io.brook.producer.BatchFailedEvent;
import io.brook.producer.BatchSentEvent;
import io.brook.producer.Producer;
import io.brook.producer.ProducerRecord;
import io.brook.testkit.KafkaCluster;
import io.brook.testkit.junit.KafkaClusterExtension;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Events and Micrometer meters of a producer working against a real broker. */
@ExtendWith(KafkaClusterExtension.class)
class ProducerObservabilityIT {

    @Test
    void eventsAndMetersDescribeWhatTheProducerDid(KafkaCluster cluster) throws Exception {
        String topic = "observed-" + UUID.randomUUID();
        String tooSmall = "observed-small-" + UUID.randomUUID();
        List<ClientEvent> events = new CopyOnWriteArrayList<>();
        List<Thread> listenerThreads = new CopyOnWriteArrayList<>();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (KafkaOracle oracle = new KafkaOracle(cluster.bootstrapServers())) {
            oracle.createTopic(topic, 3);
            oracle.createTopic(tooSmall, 1, 1, Map.of("max.message.bytes", "2000"));
            Producer<String, String> producer = Producer.builder(Map.of("bootstrap.servers",
                            cluster.bootstrapServers(), "client.id", "observed", "compression.type", "lz4"))
                    .keySerializer(Serializers.string())
                    .valueSerializer(Serializers.string())
                    .eventListener(e -> {
                        listenerThreads.add(Thread.currentThread());
                        events.add(e);
                        if (e instanceof RequestEvent) {
                            throw new IllegalStateException("a listener that throws is kept");
                        }
                    })
                    .meterRegistry(registry)
                    .build();
            try (producer) {
                CompletableFuture<?>[] sent = new CompletableFuture<?>[1000];
                for (int i = 0; i < sent.length; i++) {
                    sent[i] = producer.send(ProducerRecord.of(topic, "key-" + i, "value-" + i));
                }
                CompletableFuture.allOf(sent).get(30, TimeUnit.SECONDS);
                // Random text: lz4 cannot shrink it below the topic's 2000-byte limit.
                byte[] noise = new byte[6000];
                new java.util.Random(42).nextBytes(noise);
                String incompressible = java.util.Base64.getEncoder().encodeToString(noise);
                CompletableFuture<?> failed = producer.send(ProducerRecord.of(tooSmall, "k", incompressible));
                assertThat(failed).failsWithin(30, TimeUnit.SECONDS);

                assertThat(counter(registry, "brook.producer.records.sent", topic)).isEqualTo(1000.0);
                assertThat(counter(registry, "brook.producer.bytes.sent", topic)).isPositive();
                assertThat(counter(registry, "brook.producer.errors", tooSmall)).isEqualTo(1.0);
                assertThat(registry.get("brook.producer.batch.size").tag("topic", topic).summary().count())
                        .isPositive();
                assertThat(registry.get("brook.producer.compression.ratio").tag("topic", topic).summary().mean())
                        .isBetween(0.0, 1.0);
                assertThat(registry.get("brook.producer.request.latency").tag("client.id", "observed").timer()
                        .count()).isPositive();
                assertThat(registry.get("brook.producer.buffer.available").gauge().value())
                        .isEqualTo(32.0 * 1024 * 1024);
                assertThat(registry.get("brook.producer.records.in.flight").gauge().value()).isZero();
                for (Meter m : registry.getMeters()) {
                    assertThat(m.getId().getTag("client.id")).as(m.getId().getName()).isEqualTo("observed");
                }
                awaitEvents(events, BatchFailedEvent.class);
            }
            assertThat(registry.getMeters()).as("meters removed on close").isEmpty();
        }
        Set<Class<?>> kinds = events.stream().map(Object::getClass).collect(Collectors.toSet());
        assertThat(kinds).contains(ConnectEvent.class, RequestEvent.class, RequestQueueSizeEvent.class,
                BatchSentEvent.class, BatchFailedEvent.class);
        assertThat(events.stream().filter(e -> e instanceof ConnectEvent).map(e -> ((ConnectEvent) e).broker()))
                .as("connected to the cluster's brokers")
                .allMatch(b -> cluster.bootstrapServers().contains(":" + b.port()));
        assertThat(events.stream().filter(e -> e instanceof RequestEvent).map(e -> ((RequestEvent) e).api()))
                .contains("Metadata", "Produce", "InitProducerId");
        int sentRecords = events.stream().filter(e -> e instanceof BatchSentEvent b && b.topic().equals(topic))
                .mapToInt(e -> ((BatchSentEvent) e).recordCount()).sum();
        assertThat(sentRecords).isEqualTo(1000);
        BatchFailedEvent failure = (BatchFailedEvent) events.stream().filter(e -> e instanceof BatchFailedEvent)
                .findFirst().orElseThrow();
        assertThat(failure.topic()).isEqualTo(tooSmall);
        assertThat(failure.error()).contains("RecordTooLargeException");
        assertThat(events).allMatch(e -> e.clientId().equals("observed"));
        assertThat(listenerThreads.stream().map(Thread::getName).distinct()).containsExactly("brook-observed-events");
    }

    @Test
    void aConnectionThatCannotBeOpenedIsADisconnectEventNamingTheBroker() throws Exception {
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closedPort = socket.getLocalPort(); // nothing listens there once the socket is closed
        }
        List<ClientEvent> events = new CopyOnWriteArrayList<>();
        try (Producer<String, String> producer = Producer.builder(Map.of("bootstrap.servers",
                        "127.0.0.1:" + closedPort, "client.id", "unreachable", "max.block.ms", 2_000))
                .keySerializer(Serializers.string()).valueSerializer(Serializers.string())
                .eventListener(events::add).build()) {
            producer.send(ProducerRecord.of("nowhere", "k", "v"));
            awaitEvents(events, DisconnectEvent.class);
        }
        DisconnectEvent disconnect = (DisconnectEvent) events.stream().filter(e -> e instanceof DisconnectEvent)
                .findFirst().orElseThrow();
        assertThat(disconnect.broker().port()).isEqualTo(closedPort);
        assertThat(disconnect.broker().host()).isEqualTo("127.0.0.1");
        assertThat(disconnect.reason()).isNotBlank();
        assertThat(disconnect.clientId()).isEqualTo("unreachable");
        assertThat(events).noneMatch(e -> e instanceof ConnectEvent);
    }

    private static double counter(SimpleMeterRegistry registry, String name, String topic) {
        return registry.get(name).tag("topic", topic).tag("client.id", "observed").counter().count();
    }

    private static void awaitEvents(List<ClientEvent> events, Class<?> kind) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (events.stream().noneMatch(kind::isInstance) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }
}
