package io.brook.producer.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.brook.common.errors.NetworkException;
import io.brook.common.errors.SaslAuthenticationException;
import io.brook.common.errors.TimeoutException;
import io.brook.common.errors.TopicAuthorizationException;
import io.brook.common.errors.UnknownTopicOrPartitionException;
import io.brook.producer.RecordMetadata;
import io.brook.protocol.ApiKey;
import io.brook.protocol.Errors;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Records whose topic's metadata is not known yet wait inside the producer, never in send. */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class MetadataWaitTest {

    @Test
    void recordsForANewTopicWaitKeepTheirOrderAndGoOnceItIsKnown() {
        FakeCluster cluster = new FakeCluster(1).topicError("late", Errors.UNKNOWN_TOPIC_OR_PARTITION);
        try (CoreFixture f = CoreFixture.builder(cluster).maxBlock(10_000).build()) {
            List<CompletableFuture<RecordMetadata>> sent = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                sent.add(f.send("late", 0, null, "r" + i));
            }
            long held = f.core.pool.totalBytes() - f.core.pool.availableBytes();
            assertThat(held).as("waiting records count against buffer.memory").isPositive();
            f.advance(500);
            assertThat(sent).noneMatch(CompletableFuture::isDone);
            cluster.topic("late", 1);
            f.advance(1_000);
            f.advance(10);
            for (int i = 0; i < 5; i++) {
                assertThat(sent.get(i)).isCompleted();
                assertThat(sent.get(i).join().offset()).isEqualTo(i);
            }
            assertThat(cluster.log("late", 0)).extracting(w -> new String(w.value(), StandardCharsets.UTF_8))
                    .containsExactly("r0", "r1", "r2", "r3", "r4");
            assertThat(f.core.pool.availableBytes()).isEqualTo(f.core.pool.totalBytes());
        }
    }

    @Test
    void aTopicThatNeverAppearsFailsItsRecordsAfterMaxBlock() {
        FakeCluster cluster = new FakeCluster(1).topicError("missing", Errors.UNKNOWN_TOPIC_OR_PARTITION);
        try (CoreFixture f = CoreFixture.builder(cluster).maxBlock(2_000).build()) {
            CompletableFuture<RecordMetadata> sent = f.send("missing", "k", "v");
            f.advance(1_900);
            assertThat(sent).isNotDone();
            f.advance(100);
            assertThat(sent).isCompletedExceptionally();
            assertThatThrownBy(sent::join).cause().isInstanceOf(UnknownTopicOrPartitionException.class)
                    .hasMessageContaining("'missing'").hasMessageContaining("2000 ms (max.block.ms)")
                    .hasMessageContaining("UNKNOWN_TOPIC_OR_PARTITION");
            assertThat(f.core.pool.availableBytes()).isEqualTo(f.core.pool.totalBytes());
        }
    }

    @Test
    void aPartitionBeyondTheTopicsCountWaitsThenFailsNamingIt() {
        FakeCluster cluster = new FakeCluster(1).topic("t", 1, 1);
        try (CoreFixture f = CoreFixture.builder(cluster).known("t").maxBlock(1_000).build()) {
            CompletableFuture<RecordMetadata> sent = f.send("t", 5, "k", "v");
            f.advance(1_000);
            assertThatThrownBy(sent::join).cause().isInstanceOf(UnknownTopicOrPartitionException.class)
                    .hasMessageContaining("Partition 5 of topic 't', which has 2 partitions");
        }
    }

    @Test
    void aTopicTheProducerMayNotWriteFailsAtOnce() {
        FakeCluster cluster = new FakeCluster(1).topicError("secret", Errors.TOPIC_AUTHORIZATION_FAILED);
        try (CoreFixture f = CoreFixture.builder(cluster).maxBlock(60_000).build()) {
            CompletableFuture<RecordMetadata> sent = f.send("secret", "k", "v");
            f.advance(200);
            assertThatThrownBy(sent::join).cause().isInstanceOf(TopicAuthorizationException.class)
                    .hasMessageContaining("'secret'");
        }
    }

    @Test
    void aRefreshThatFailsForGoodFailsTheWaitingRecordsAtOnceWithItsError() {
        SaslAuthenticationException denied = new SaslAuthenticationException(
                "SASL SCRAM-SHA-256 authentication with broker b:9092 failed");
        FakeCluster cluster = new FakeCluster(1).handle(ApiKey.METADATA, body -> denied);
        try (CoreFixture f = CoreFixture.builder(cluster).maxBlock(60_000).build()) {
            CompletableFuture<RecordMetadata> first = f.send("t", "k", "v");
            f.advance(200);
            assertThat(first).as("failed long before max.block.ms").isCompletedExceptionally();
            assertThatThrownBy(first::join).cause().isSameAs(denied);
            // A record sent afterwards waits for a refresh of its own, which fails the same way.
            CompletableFuture<RecordMetadata> later = f.send("t", "k2", "v");
            f.advance(2_000);
            assertThat(later).isCompletedExceptionally();
            assertThatThrownBy(later::join).cause().isSameAs(denied);
            assertThat(f.core.pool.availableBytes()).isEqualTo(f.core.pool.totalBytes());
        }
    }

    @Test
    void aRetriableRefreshFailureKeepsTheRecordsWaitingUntilMaxBlock() {
        FakeCluster cluster = new FakeCluster(1).handle(ApiKey.METADATA, body -> new NetworkException("reset"));
        try (CoreFixture f = CoreFixture.builder(cluster).maxBlock(5_000).build()) {
            CompletableFuture<RecordMetadata> sent = f.send("t", "k", "v");
            f.advance(4_000);
            assertThat(sent).isNotDone();
            f.advance(1_000);
            assertThat(sent).isCompletedExceptionally();
            assertThatThrownBy(sent::join).cause().isInstanceOf(TimeoutException.class)
                    .hasMessageContaining("max.block.ms");
        }
    }
}
