package io.brook.consumer.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.brook.common.TopicPartition;
import io.brook.common.config.ConsumerConfigs;
import io.brook.common.config.IsolationLevel;
import io.brook.common.config.MetadataRecoveryStrategy;
import io.brook.consumer.OffsetOutOfRangeNoResetException;
import io.brook.core.ManualTime;
import io.brook.core.internal.metadata.BootstrapResolver;
import io.brook.core.internal.metadata.MetadataConfig;
import io.brook.core.internal.metadata.MetadataManager;
import io.brook.core.internal.metadata.WantedTopics;
import io.brook.core.internal.network.Endpoint;
import io.brook.core.internal.network.ScriptedRequestSender;
import io.brook.core.internal.util.ExponentialBackoff;
import io.brook.core.internal.util.ManualScheduler;
import io.brook.protocol.Errors;
import io.brook.protocol.message.FetchRequest;
import io.brook.protocol.message.FetchResponse;
import io.brook.protocol.message.MetadataResponse;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.record.MemoryRecords;
import org.apache.kafka.common.record.SimpleRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The fetcher over a scripted network: one fetch per broker, pipelining, sessions, the buffer bound, errors. */
class FetcherTest {
    private static final String TOPIC = "orders";
    private static final UUID TOPIC_ID = UUID.randomUUID();
    private static final TopicPartition P0 = new TopicPartition(TOPIC, 0);
    private static final TopicPartition P1 = new TopicPartition(TOPIC, 1);
    private static final TopicPartition P2 = new TopicPartition(TOPIC, 2);

    private final ManualTime time = new ManualTime();
    private final ManualScheduler scheduler = new ManualScheduler(time);
    private final ScriptedRequestSender sender = new ScriptedRequestSender();
    private final List<String> fetched = new ArrayList<>();
    private MetadataManager metadata;
    private SubscriptionState subscriptions;
    private FetchBuffer buffer;
    private Fetcher fetcher;

    @BeforeEach
    void setUp() {
        start(Map.of());
    }

    private void start(Map<String, Object> extra) {
        Map<String, Object> config = new HashMap<>();
        config.put("bootstrap.servers", "localhost:9092");
        config.put("auto.offset.reset", "none");
        config.putAll(extra);
        ConsumerSettings settings = ConsumerSettings.from(ConsumerConfigs.DEFINITION.parse(config), "fetcher-test");
        metadata = new MetadataManager(new MetadataConfig("fetcher-test", 300_000,
                new ExponentialBackoff(100, 2.0, 1_000, 0.0), MetadataRecoveryStrategy.NONE, 60_000, false),
                sender, BootstrapResolver.fixed(List.of(new Endpoint(-1, "bootstrap", 9092))), time, scheduler,
                WantedTopics.of(List.of(TOPIC)));
        metadata.start();
        // Partitions 0 and 1 on broker 1, partition 2 on broker 2.
        sender.respond(MetadataResponse.builder()
                .brokers(List.of(broker(1), broker(2)))
                .topics(List.of(MetadataResponse.MetadataResponseTopic.builder().name(TOPIC).topicId(TOPIC_ID)
                        .partitions(List.of(partition(0, 1), partition(1, 1), partition(2, 2))).build()))
                .build());
        subscriptions = new SubscriptionState(ResetStrategy.NONE, false, IsolationLevel.READ_UNCOMMITTED,
                new Signal());
        subscriptions.assignFromUser(List.of(P0, P1, P2));
        for (TopicPartition tp : List.of(P0, P1, P2)) {
            subscriptions.seek(tp, 0, -1);
        }
        buffer = new FetchBuffer(settings.fetchMaxBytes());
        fetcher = new Fetcher(settings, subscriptions, buffer, metadata, sender, PooledByteBufAllocator.DEFAULT, time,
                (node, partitions, buffered, bytes, latencyMs) -> fetched.add(node + ":" + buffered));
    }

    @AfterEach
    void releaseBuffered() {
        subscriptions.lock().lock();
        List<CompletedFetch> left;
        try {
            left = buffer.clearLocked();
        } finally {
            subscriptions.lock().unlock();
        }
        left.forEach(CompletedFetch::release);
        metadata.close();
    }

    private static MetadataResponse.MetadataResponseBroker broker(int id) {
        return MetadataResponse.MetadataResponseBroker.builder().nodeId(id).host("broker" + id).port(9092).build();
    }

    private static MetadataResponse.MetadataResponsePartition partition(int index, int leader) {
        return MetadataResponse.MetadataResponsePartition.builder().partitionIndex(index).leaderId(leader)
                .leaderEpoch(5).replicaNodes(List.of(leader)).isrNodes(List.of(leader)).build();
    }

    private List<ScriptedRequestSender.Sent> fetches() {
        return sender.sent().stream().filter(s -> s.body() instanceof FetchRequest).toList();
    }

    private static ByteBuf records(long base, int count) {
        SimpleRecord[] rs = new SimpleRecord[count];
        for (int i = 0; i < count; i++) {
            rs[i] = new SimpleRecord(1_000L, null, ("v" + (base + i)).getBytes());
        }
        ByteBuffer b = MemoryRecords.withRecords(base, Compression.NONE, rs).buffer();
        return PooledByteBufAllocator.DEFAULT.directBuffer(b.remaining()).writeBytes(b);
    }

    private static FetchResponse answer(int sessionId, Map<Integer, Object> partitions) {
        List<FetchResponse.PartitionData> data = new ArrayList<>();
        partitions.forEach((p, what) -> {
            FetchResponse.PartitionData.Builder b = FetchResponse.PartitionData.builder().partitionIndex(p)
                    .highWatermark(100);
            if (what instanceof ByteBuf records) {
                b.records(records);
            } else {
                b.errorCode(((Errors) what).code());
            }
            data.add(b.build());
        });
        FetchResponse response = FetchResponse.builder().sessionId(sessionId).responses(List.of(
                FetchResponse.FetchableTopicResponse.builder().topic(TOPIC).topicId(TOPIC_ID).partitions(data)
                        .build())).build();
        // The response holds references of its own; the ones made here are given up.
        partitions.values().forEach(what -> {
            if (what instanceof ByteBuf records) {
                records.release();
            }
        });
        return response;
    }

    private static List<Integer> partitionsIn(ScriptedRequestSender.Sent fetch) {
        return fetch.bodyAs(FetchRequest.class).topics().stream().flatMap(t -> t.partitions().stream())
                .map(FetchRequest.FetchPartition::partition).toList();
    }

    @Test
    void oneFetchInFlightPerBrokerAndTheNextOneAsSoonAsTheAnswerIsIn() {
        fetcher.poll(time.monotonicMs());
        List<ScriptedRequestSender.Sent> first = fetches();
        assertThat(first).hasSize(2);
        assertThat(first).extracting(s -> s.endpoint().nodeId()).containsExactlyInAnyOrder(1, 2);
        ScriptedRequestSender.Sent toBroker1 = first.stream().filter(s -> s.endpoint().nodeId() == 1).findFirst()
                .orElseThrow();
        assertThat(partitionsIn(toBroker1)).containsExactlyInAnyOrder(0, 1);
        assertThat(toBroker1.bodyAs(FetchRequest.class).sessionEpoch()).isZero();
        fetcher.poll(time.monotonicMs());
        assertThat(fetches()).hasSize(2);

        // Broker 1 answers with data for partition 0 only: it is buffered, and the next fetch goes out at once,
        // incremental, carrying partition 0's new offset (partition 1 is unchanged in the session).
        Map<Integer, Object> answer = new HashMap<>();
        answer.put(0, records(0, 10));
        toBroker1.future().complete(answer(33, answer));
        assertThat(fetched).containsExactly("1:1");
        fetcher.poll(time.monotonicMs());
        List<ScriptedRequestSender.Sent> all = fetches();
        assertThat(all).hasSize(3);
        FetchRequest next = all.get(2).bodyAs(FetchRequest.class);
        assertThat(next.sessionId()).isEqualTo(33);
        assertThat(next.sessionEpoch()).isEqualTo(1);
        assertThat(partitionsIn(all.get(2))).containsExactly(0);
        assertThat(next.topics().get(0).partitions().get(0).fetchOffset()).isEqualTo(10);
        subscriptions.lock().lock();
        try {
            assertThat(buffer.sizeLocked()).isEqualTo(1);
            assertThat(subscriptions.stateLocked(P0).outstandingFetches).isEqualTo(2);
            assertThat(subscriptions.stateLocked(P1).outstandingFetches).isEqualTo(1);
        } finally {
            subscriptions.lock().unlock();
        }

        // A second answer for partition 0: it has one unconsumed answer and one buffered now, so it waits.
        answer = new HashMap<>();
        answer.put(0, records(10, 10));
        all.get(2).future().complete(answer(33, answer));
        fetcher.poll(time.monotonicMs());
        List<ScriptedRequestSender.Sent> afterSecond = fetches();
        assertThat(afterSecond).hasSize(4);
        assertThat(partitionsIn(afterSecond.get(3))).doesNotContain(0);
        assertThat(afterSecond.get(3).bodyAs(FetchRequest.class).forgottenTopicsData()).singleElement()
                .satisfies(f -> assertThat(f.partitions()).containsExactly(0));
    }

    @Test
    void nothingIsFetchedWhileTheBufferHoldsFetchMaxBytes() {
        start(Map.of("fetch.max.bytes", 100));
        fetcher.poll(time.monotonicMs());
        ScriptedRequestSender.Sent toBroker1 = fetches().stream().filter(s -> s.endpoint().nodeId() == 1)
                .findFirst().orElseThrow();
        Map<Integer, Object> answer = new HashMap<>();
        answer.put(0, records(0, 20));
        toBroker1.future().complete(answer(0, answer));
        int before = fetches().size();
        fetcher.poll(time.monotonicMs());
        assertThat(fetches()).hasSize(before);
    }

    @Test
    void outOfRangeWithoutResetFailsThePartitionAndLeaderErrorsRefreshMetadata() {
        fetcher.poll(time.monotonicMs());
        ScriptedRequestSender.Sent toBroker1 = fetches().stream().filter(s -> s.endpoint().nodeId() == 1)
                .findFirst().orElseThrow();
        Map<Integer, Object> answer = new HashMap<>();
        answer.put(0, Errors.OFFSET_OUT_OF_RANGE);
        answer.put(1, Errors.NOT_LEADER_OR_FOLLOWER);
        int metadataRequests = sender.sent().size() - fetches().size();
        toBroker1.future().complete(answer(0, answer));
        subscriptions.lock().lock();
        try {
            PartitionState p0 = subscriptions.stateLocked(P0);
            assertThat(p0.phase).isEqualTo(PartitionState.Phase.FAILED);
            assertThat(p0.error).isInstanceOf(OffsetOutOfRangeNoResetException.class)
                    .hasMessageContaining("orders-0=0");
            assertThat(subscriptions.stateLocked(P1).phase).isEqualTo(PartitionState.Phase.FETCHING);
        } finally {
            subscriptions.lock().unlock();
        }
        scheduler.advance(1_000);
        assertThat(sender.sent().size() - fetches().size()).isGreaterThan(metadataRequests);
    }

    @Test
    void aFailedFetchResetsTheSessionAndBacksOffThatBrokerOnly() {
        fetcher.poll(time.monotonicMs());
        ScriptedRequestSender.Sent toBroker1 = fetches().stream().filter(s -> s.endpoint().nodeId() == 1)
                .findFirst().orElseThrow();
        toBroker1.future().completeExceptionally(new io.brook.common.errors.NetworkException("connection reset"));
        fetcher.poll(time.monotonicMs());
        assertThat(fetches()).hasSize(2);
        // retry.backoff.ms (100) with up to 20% jitter.
        time.advance(150);
        fetcher.poll(time.monotonicMs());
        List<ScriptedRequestSender.Sent> all = fetches();
        assertThat(all).hasSize(3);
        assertThat(all.get(2).endpoint().nodeId()).isEqualTo(1);
        assertThat(all.get(2).bodyAs(FetchRequest.class).sessionEpoch()).isZero();
        assertThat(partitionsIn(all.get(2))).containsExactlyInAnyOrder(0, 1);
    }
}
