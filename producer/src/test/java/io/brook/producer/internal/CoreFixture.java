package io.brook.producer.internal;

import io.brook.common.Header;
import io.brook.common.config.MetadataRecoveryStrategy;
import io.brook.common.event.ClientEvent;
import io.brook.core.ManualTime;
import io.brook.core.internal.event.RecordingEventSink;
import io.brook.core.internal.metadata.BootstrapResolver;
import io.brook.core.internal.metadata.MetadataConfig;
import io.brook.core.internal.metadata.MetadataManager;
import io.brook.core.internal.metadata.WantedTopics;
import io.brook.core.internal.metrics.Meters;
import io.brook.core.internal.network.BrokerApiVersions;
import io.brook.core.internal.network.Endpoint;
import io.brook.core.internal.util.ExponentialBackoff;
import io.brook.core.internal.util.ManualScheduler;
import io.brook.producer.Partitioner;
import io.brook.producer.RecordMetadata;
import io.brook.protocol.compress.Compression;
import io.brook.protocol.record.RecordBatchBuilder;
import io.netty.buffer.PooledByteBufAllocator;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A {@link ProducerCore} on manual time and a {@link FakeCluster}: the test sends with {@link #send}, runs sender
 * cycles with {@link #cycle()}, delivers responses with {@link #deliver()}, and moves time with {@link #advance}.
 * Futures complete on the test thread. Metadata refreshes are at least 100 ms apart: topics the test names with
 * {@link Builder#known} are learned before it starts. Settings: batch.size 1000, linger 10 ms, request timeout 5 s, delivery
 * timeout 30 s, retry backoff 100 ms (fixed), 5 in flight, acks=all, idempotent unless built otherwise.
 */
final class CoreFixture implements AutoCloseable {
    final ManualTime time = new ManualTime();
    final ManualScheduler scheduler = new ManualScheduler(time);
    final FakeCluster cluster;
    private final RecordingEventSink sink = new RecordingEventSink();
    final List<ClientEvent> events = sink.events();
    final MetadataManager metadata;
    final ProducerCore core;
    int wakeups;

    static Builder builder(FakeCluster cluster) {
        return new Builder(cluster);
    }

    private CoreFixture(Builder b) {
        this.cluster = b.cluster;
        MetadataConfig config = new MetadataConfig("test", 300_000, ExponentialBackoff.fixed(100),
                MetadataRecoveryStrategy.REBOOTSTRAP, 300_000, true);
        this.metadata = new MetadataManager(config, cluster,
                BootstrapResolver.fixed(List.of(new Endpoint(-1, "bootstrap", 9092))), time, scheduler,
                WantedTopics.none());
        SenderSettings settings = new SenderSettings("test", b.acks, b.idempotent, b.transactionalId, 60_000, 5_000,
                b.deliveryTimeoutMs, b.lingerMs, b.retries, b.maxInFlight, b.maxRequestSize, b.batchSize,
                ExponentialBackoff.fixed(100), b.adaptive, 0, b.maxBlockMs, 300_000, "bootstrap:9092");
        this.core = new ProducerCore(settings, b.compression, b.bufferMemory, b.partitioner, false,
                PooledByteBufAllocator.DEFAULT, time, cluster, cluster, metadata, scheduler,
                broker -> CompletableFuture.completedFuture(b.brokerVersions), Runnable::run, sink, Meters.none(),
                () -> wakeups++);
        metadata.start();
        settle();
        if (!b.warmTopics.isEmpty()) {
            // Learn the topics' metadata up front (refreshes are at least retry.backoff.ms apart).
            b.warmTopics.forEach(core.accumulator::topic);
            advance(100);
        }
    }

    /** Sends a record; the future completes when a later cycle's response is delivered. */
    CompletableFuture<RecordMetadata> send(String topic, Integer partition, String key, String value) {
        byte[] k = key == null ? null : key.getBytes(StandardCharsets.UTF_8);
        byte[] v = value == null ? null : value.getBytes(StandardCharsets.UTF_8);
        CompletableFuture<RecordMetadata> f = new CompletableFuture<>();
        int upper = RecordBatchBuilder.batchSizeUpperBound(k == null ? -1 : k.length, v == null ? -1 : v.length,
                List.of());
        core.intake.add(topic, partition == null ? -1 : partition, key, k, value, v, time.milliseconds(),
                List.<Header>of(), f, upper);
        return f;
    }

    CompletableFuture<RecordMetadata> send(String topic, String key, String value) {
        return send(topic, null, key, value);
    }

    /** One sender cycle at the current time; returns its next deadline. */
    long cycle() {
        return core.sender.poll(time.monotonicMs());
    }

    /** Delivers queued responses, runs due timers, and cycles, until nothing more happens. */
    void settle() {
        for (int i = 0; i < 100; i++) {
            scheduler.runDue();
            cycle();
            if (cluster.deliver() == 0 && cluster.undelivered() == 0) {
                scheduler.runDue();
                cycle();
                if (cluster.undelivered() == 0) {
                    return;
                }
            }
        }
        throw new AssertionError("the producer did not settle in 100 rounds");
    }

    /** Moves time forward (running due timers) and settles. */
    void advance(long ms) {
        scheduler.advance(ms);
        settle();
    }

    @Override
    public void close() {
        core.sender.abort(new IllegalStateException("test over"));
        cluster.deliver();
        core.accumulator.freeBuffers();
        metadata.close();
    }

    /** Builds a {@link CoreFixture}. */
    static final class Builder {
        private final FakeCluster cluster;
        short acks = -1;
        boolean idempotent = true;
        String transactionalId;
        BrokerApiVersions brokerVersions = BrokerApiVersions.of(java.util.Map.of());
        int batchSize = 1000;
        long lingerMs = 10;
        long deliveryTimeoutMs = 30_000;
        int retries = Integer.MAX_VALUE;
        int maxInFlight = 5;
        int maxRequestSize = 1 << 20;
        long maxBlockMs = 2_000;
        long bufferMemory = 1 << 20;
        boolean adaptive = true;
        Compression compression = Compression.none();
        Partitioner partitioner;
        List<String> warmTopics = List.of();

        private Builder(FakeCluster cluster) {
            this.cluster = cluster;
        }

        Builder acks(int acks) {
            this.acks = (short) acks;
            return this;
        }

        /** What every broker answers in its handshake (default: no APIs, no features: the classic protocol). */
        Builder brokerVersions(BrokerApiVersions versions) {
            this.brokerVersions = versions;
            return this;
        }

        Builder transactional(String transactionalId) {
            this.transactionalId = transactionalId;
            return this;
        }

        Builder idempotent(boolean idempotent) {
            this.idempotent = idempotent;
            return this;
        }

        Builder batchSize(int bytes) {
            this.batchSize = bytes;
            return this;
        }

        Builder linger(long ms) {
            this.lingerMs = ms;
            return this;
        }

        Builder deliveryTimeout(long ms) {
            this.deliveryTimeoutMs = ms;
            return this;
        }

        Builder retries(int retries) {
            this.retries = retries;
            return this;
        }

        Builder maxInFlight(int n) {
            this.maxInFlight = n;
            return this;
        }

        Builder maxBlock(long ms) {
            this.maxBlockMs = ms;
            return this;
        }

        Builder bufferMemory(long bytes) {
            this.bufferMemory = bytes;
            return this;
        }

        Builder compression(Compression compression) {
            this.compression = compression;
            return this;
        }

        Builder partitioner(Partitioner partitioner) {
            this.partitioner = partitioner;
            return this;
        }

        /** Topics whose metadata the producer learns before the test starts. */
        Builder known(String... topics) {
            this.warmTopics = List.of(topics);
            return this;
        }

        CoreFixture build() {
            return new CoreFixture(this);
        }
    }
}
