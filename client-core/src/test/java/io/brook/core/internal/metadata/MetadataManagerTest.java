package io.brook.core.internal.metadata;

import static io.brook.core.internal.metadata.MetadataResponses.response;
import static org.assertj.core.api.Assertions.assertThat;

import io.brook.common.TopicPartition;
import io.brook.common.config.MetadataRecoveryStrategy;
import io.brook.core.internal.network.ScriptedRequestSender;
import io.brook.protocol.Errors;
import io.brook.protocol.message.MetadataRequest;
import io.brook.protocol.message.MetadataResponse;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Refresh triggers, coalescing, stale answers and wanted topics. */
class MetadataManagerTest {
    private static final UUID ORDERS_ID = new UUID(1, 1);
    private static final TopicPartition ORDERS_0 = new TopicPartition("orders", 0);

    private final MetadataManagerFixture f = new MetadataManagerFixture();

    private static MetadataResponse orders(int epoch, int leader) {
        return response().brokers(1, 2, 3).controller(1).topic("orders", ORDERS_ID, epoch, leader, leader).build();
    }

    @Test
    void firstRefreshAsksABootstrapEndpointForAllTopicsAndPublishesTheAnswer() {
        MetadataManager m = f.manager();
        assertThat(m.snapshot().isEmpty()).isTrue();
        m.start();
        assertThat(f.resolutions).hasValue(1);
        assertThat(f.sender.sent()).hasSize(1);
        assertThat(f.lastTarget().isBootstrap()).isTrue();
        MetadataRequest request = (MetadataRequest) f.sender.oldest().body();
        assertThat(request.topics()).isNull();
        assertThat(request.allowAutoTopicCreation()).isFalse();

        f.sender.respond(orders(3, 2));

        ClusterSnapshot s = m.snapshot();
        assertThat(s.updateVersion()).isEqualTo(1);
        assertThat(s.clusterId()).contains("cluster-a");
        assertThat(s.controller()).map(BrokerNode::id).contains(1);
        assertThat(s.brokers()).extracting(BrokerNode::id).containsExactly(1, 2, 3);
        assertThat(s.leaderFor(ORDERS_0)).map(BrokerNode::id).contains(2);
        assertThat(s.partitionsFor("orders")).hasSize(2);
        assertThat(s.topic(ORDERS_ID)).map(TopicMetadata::name).contains("orders");
    }

    @Test
    void refreshesWhenTheSnapshotIsOlderThanMaxAge() {
        MetadataManager m = f.manager();
        m.start();
        f.sender.respond(orders(0, 1));
        f.scheduler.advance(MetadataManagerFixture.MAX_AGE_MS - 1);
        assertThat(f.sender.sent()).hasSize(1);
        f.scheduler.advance(1);
        assertThat(f.sender.sent()).hasSize(2);
        assertThat(f.lastTarget().isBootstrap()).isFalse();
        f.sender.respond(orders(0, 1));
        f.scheduler.advance(MetadataManagerFixture.MAX_AGE_MS);
        assertThat(f.sender.sent()).hasSize(3);
        assertThat(m.snapshot().updateVersion()).isEqualTo(2);
    }

    @Test
    void concurrentRequestsShareOneRefresh() {
        MetadataManager m = f.manager();
        CompletableFuture<ClusterSnapshot> a = m.requestUpdate();
        CompletableFuture<ClusterSnapshot> b = m.requestUpdate();
        CompletableFuture<ClusterSnapshot> c = m.requestUpdate();
        assertThat(f.sender.sent()).hasSize(1);
        assertThat(a).isNotDone();

        f.sender.respond(orders(0, 1));

        assertThat(a.join()).isSameAs(m.snapshot()).isSameAs(b.join()).isSameAs(c.join());
        f.scheduler.advance(1_000);
        assertThat(f.sender.sent()).as("nobody asked for more").hasSize(1);
    }

    @Test
    void onDemandRefreshesKeepTheMinimumIntervalOfRetryBackoff() {
        MetadataManager m = f.manager();
        m.start();
        f.sender.respond(orders(0, 1));
        CompletableFuture<ClusterSnapshot> later = m.requestUpdate();
        assertThat(f.sender.sent()).hasSize(1);
        f.scheduler.advance(99);
        assertThat(f.sender.sent()).hasSize(1);
        f.scheduler.advance(1);
        assertThat(f.sender.sent()).hasSize(2);
        f.sender.respond(orders(0, 1));
        assertThat(later.join().updateVersion()).isEqualTo(2);
    }

    @Test
    void aFreshUpdateIsAnsweredOnlyByARequestSentAfterIt() {
        MetadataManager m = f.manager();
        m.start();
        CompletableFuture<ClusterSnapshot> fresh = m.requestFreshUpdate();
        f.sender.respond(orders(0, 1));
        assertThat(fresh).isNotDone();

        f.scheduler.advance(100);
        assertThat(f.sender.sent()).hasSize(2);
        f.sender.respond(orders(1, 2));
        assertThat(fresh.join().updateVersion()).isEqualTo(2);
        assertThat(fresh.join().leaderFor(ORDERS_0)).map(BrokerNode::id).contains(2);
    }

    @Test
    void invalidatingErrorsRequestARefreshAndOthersDoNot() {
        MetadataManager m = f.manager();
        m.start();
        f.sender.respond(orders(0, 1));
        assertThat(m.invalidate(Errors.TOPIC_AUTHORIZATION_FAILED)).isFalse();
        assertThat(m.invalidate(Errors.NONE)).isFalse();
        f.scheduler.advance(1_000);
        assertThat(f.sender.sent()).hasSize(1);

        assertThat(m.invalidate(Errors.NOT_LEADER_OR_FOLLOWER)).isTrue();
        f.scheduler.advance(100);
        assertThat(f.sender.sent()).hasSize(2);
        for (Errors e : List.of(Errors.LEADER_NOT_AVAILABLE, Errors.UNKNOWN_TOPIC_OR_PARTITION,
                Errors.FENCED_LEADER_EPOCH, Errors.NOT_LEADER_OR_FOLLOWER)) {
            assertThat(MetadataManager.invalidates(e)).as(e.name()).isTrue();
        }
    }

    @Test
    void anInvalidationDuringARefreshIsFollowedByAnotherRefresh() {
        MetadataManager m = f.manager();
        m.start();
        m.invalidate(Errors.NOT_LEADER_OR_FOLLOWER);
        assertThat(f.sender.sent()).hasSize(1);
        f.sender.respond(orders(0, 1));
        f.scheduler.advance(100);
        assertThat(f.sender.sent()).as("the answer in flight may predate the error").hasSize(2);
    }

    @Test
    void anAnswerWithAnOlderLeaderEpochIsIgnoredForThatPartition() {
        MetadataManager m = f.manager();
        m.start();
        f.sender.respond(orders(5, 1));
        m.invalidate(Errors.NOT_LEADER_OR_FOLLOWER);
        f.scheduler.advance(100);

        f.sender.respond(orders(4, 2));

        assertThat(m.snapshot().updateVersion()).isEqualTo(2);
        assertThat(m.snapshot().partition(ORDERS_0)).map(PartitionMetadata::leaderEpoch).contains(5);
        assertThat(m.snapshot().leaderFor(ORDERS_0)).map(BrokerNode::id).contains(1);
        f.scheduler.advance(100);
        assertThat(f.sender.sent()).as("a stale answer is retried").hasSize(3);
        f.sender.respond(orders(6, 2));
        assertThat(m.snapshot().leaderFor(ORDERS_0)).map(BrokerNode::id).contains(2);
    }

    @Test
    void anEpochSeenElsewhereMakesOlderAnswersStale() {
        MetadataManager m = f.manager();
        m.start();
        f.sender.respond(orders(5, 1));
        assertThat(m.updateLastSeenEpoch(ORDERS_0, 3)).isFalse();
        assertThat(m.updateLastSeenEpoch(ORDERS_0, 7)).isTrue();
        f.scheduler.advance(100);
        assertThat(f.sender.sent()).hasSize(2);

        f.sender.respond(orders(6, 2));
        assertThat(m.snapshot().partition(ORDERS_0)).map(PartitionMetadata::leaderEpoch).contains(5);

        f.scheduler.advance(100);
        f.sender.respond(orders(7, 3));
        assertThat(m.snapshot().leaderFor(ORDERS_0)).map(BrokerNode::id).contains(3);
    }

    @Test
    void aRecreatedTopicStartsItsEpochsOver() {
        MetadataManager m = f.manager();
        m.start();
        f.sender.respond(orders(5, 1));
        m.updateLastSeenEpoch(ORDERS_0, 9);
        f.scheduler.advance(100);
        UUID newId = new UUID(2, 2);
        f.sender.respond(response().brokers(1, 2).topic("orders", newId, 0, 2).build());
        assertThat(m.snapshot().topic("orders")).map(TopicMetadata::topicId).contains(newId);
        assertThat(m.snapshot().leaderFor(ORDERS_0)).map(BrokerNode::id).contains(2);
    }

    @Test
    void aPartitionWithoutLeaderIsAskedAgainWithGrowingBackoff() {
        MetadataManager m = f.manager();
        m.start();
        f.sender.respond(orders(0, -1));
        assertThat(m.snapshot().leaderFor(ORDERS_0)).isEmpty();
        assertThat(f.scheduler.nextDelayMs()).contains(100L);
        f.scheduler.advance(100);
        f.sender.respond(orders(0, -1));
        assertThat(f.scheduler.nextDelayMs()).contains(200L);
        f.scheduler.advance(200);
        f.sender.respond(orders(1, 2));
        assertThat(f.scheduler.nextDelayMs()).as("complete again: back to the age timer")
                .contains(MetadataManagerFixture.MAX_AGE_MS);
    }

    @Test
    void wantedTopicsShapeTheRequestAndNewOnesAreFetched() {
        MetadataManager m = f.manager(MetadataRecoveryStrategy.REBOOTSTRAP, WantedTopics.none(), true);
        m.start();
        MetadataRequest first = (MetadataRequest) f.sender.oldest().body();
        assertThat(first.topics()).isEmpty();
        assertThat(first.allowAutoTopicCreation()).isTrue();
        f.sender.respond(response().brokers(1).build());

        CompletableFuture<ClusterSnapshot> added = m.addWantedTopics(List.of("orders", "audit"));
        assertThat(added).isNotDone();
        f.scheduler.advance(100);
        MetadataRequest second = (MetadataRequest) f.sender.oldest().body();
        assertThat(second.topics()).extracting(MetadataRequest.MetadataRequestTopic::name)
                .containsExactly("audit", "orders");
        f.sender.respond(response().brokers(1).topic("orders", ORDERS_ID, 0, 1)
                .topic("audit", new UUID(0, 0), Errors.UNKNOWN_TOPIC_OR_PARTITION, List.of()).build());
        assertThat(added.join().topic("audit")).map(TopicMetadata::error).contains(Errors.UNKNOWN_TOPIC_OR_PARTITION);

        assertThat(m.addWantedTopics(List.of("orders"))).as("already answered").isCompleted();
        assertThat(m.wantedTopics().names()).containsExactly("audit", "orders");
        m.removeWantedTopics(List.of("audit"));
        assertThat(m.wantedTopics()).isEqualTo(WantedTopics.of(Set.of("orders")));
        m.setWantedTopics(WantedTopics.allTopics());
        f.scheduler.advance(100);
        assertThat(((MetadataRequest) f.sender.oldest().body()).topics()).isNull();
    }

    @Test
    void listenersSeeEverySuccessfulUpdate() {
        MetadataManager m = f.manager();
        List<Long> versions = new ArrayList<>();
        m.addListener(s -> versions.add(s.updateVersion()));
        m.addListener(s -> {
            throw new IllegalStateException("a broken listener must not stop the others");
        });
        m.start();
        f.sender.respond(orders(0, 1));
        m.requestUpdate();
        f.scheduler.advance(100);
        f.sender.respond(orders(0, 1));
        assertThat(versions).containsExactly(1L, 2L);
    }

    @Test
    void everyRequestTheManagerBuildsEncodesAtEverySupportedVersion() {
        MetadataManager all = f.manager();
        all.start();
        MetadataManager some = f.manager(MetadataRecoveryStrategy.REBOOTSTRAP, WantedTopics.of(List.of("a")), true);
        some.start();
        for (ScriptedRequestSender.Sent sent : f.sender.sent()) {
            // Kafka 4 brokers answer Metadata v4 and later only (KIP-896).
            for (short v = 4; v <= MetadataRequest.HIGHEST_SUPPORTED_VERSION; v++) {
                ByteBuf out = Unpooled.buffer();
                try {
                    sent.request().build(v).write(out, v);
                    assertThat(out.readableBytes()).isEqualTo(sent.request().build(v).size(v));
                } finally {
                    out.release();
                }
            }
        }
    }
}
