package io.brook.admin.internal;

import static io.brook.admin.internal.Responses.createResponse;
import static io.brook.admin.internal.Responses.created;
import static io.brook.admin.internal.Responses.metadata;
import static io.brook.admin.internal.Responses.topic;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.brook.admin.AdminClosedException;
import io.brook.admin.ClusterDescription;
import io.brook.admin.DescribeClusterOptions;
import io.brook.admin.NewTopic;
import io.brook.admin.OffsetSpec;
import io.brook.common.TopicPartition;
import io.brook.common.errors.InvalidTopicException;
import io.brook.common.errors.NetworkException;
import io.brook.common.errors.TimeoutException;
import io.brook.core.ManualTime;
import io.brook.core.internal.call.CallContext;
import io.brook.core.internal.call.MetadataBrokers;
import io.brook.core.internal.call.TestMetadata;
import io.brook.core.internal.network.Endpoint;
import io.brook.core.internal.network.ScriptedRequestSender;
import io.brook.core.internal.util.CallbackExecutor;
import io.brook.core.internal.util.ExponentialBackoff;
import io.brook.core.internal.util.ManualScheduler;
import io.brook.protocol.Errors;
import io.brook.protocol.message.DeleteGroupsResponse;
import io.brook.protocol.message.DescribeClusterResponse;
import io.brook.protocol.message.FindCoordinatorResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DefaultAdminTest {
    private final ManualTime time = new ManualTime();
    private final ManualScheduler scheduler = new ManualScheduler(time);
    private final ScriptedRequestSender sender = new ScriptedRequestSender();
    private final TestMetadata metadata = new TestMetadata(time, scheduler);
    private final List<Duration> shutdowns = new CopyOnWriteArrayList<>();
    private final CallbackExecutor callbacks = new CallbackExecutor("test-admin");
    private final DefaultAdmin admin = new DefaultAdmin("test-admin",
            CallContext.of(sender, new MetadataBrokers(metadata.manager), scheduler, time,
                    new ExponentialBackoff(100, 2.0, 1_000, 0.0), Integer.MAX_VALUE),
            metadata.manager, callbacks, 60_000, timeout -> {
                shutdowns.add(timeout);
                callbacks.close(timeout);
            });

    /** The admin's metadata names broker 1 before each test. */
    @BeforeEach
    void learnTheBrokers() {
        metadata.manager.start();
        metadata.answer(1);
    }

    @Test
    void emptyCollectionsCompleteWithoutSending() throws Exception {
        assertThat(admin.createTopics(List.of()).get()).isNull();
        assertThat(admin.deleteTopics(List.of()).get()).isNull();
        assertThat(admin.describeTopics(List.of()).get()).isEmpty();
        assertThat(sender.sent()).isEmpty();
    }

    @Test
    void badArgumentsThrowBeforeAnythingIsSent() {
        assertThatThrownBy(() -> admin.createTopics(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> admin.createTopics(Arrays.asList(new NewTopic("a", 1, (short) 1), null)))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> admin.createTopics(List.of(new NewTopic("a", 1, (short) 1),
                new NewTopic("a", 1, (short) 1)))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> admin.describeTopics(List.of("a", "b c"))).isInstanceOf(InvalidTopicException.class);
        assertThatThrownBy(() -> admin.deleteTopics(Arrays.asList("a", null))).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> admin.describeCluster(null)).isInstanceOf(NullPointerException.class);
        assertThat(sender.sent()).isEmpty();
    }

    @Test
    void createTopicsRunsThroughCreationAndPropagation() throws Exception {
        sender.respondNext(createResponse(created("t", 2))).respondNext(metadata(new int[] {1}, topic("t", 2)));

        CompletableFuture<Void> result = admin.createTopics(List.of(new NewTopic("t", 2, (short) 1)));

        assertThat(result.get()).isNull();
        assertThat(sender.sent()).hasSize(2);
        assertThat(admin.pendingCalls()).isZero();
    }

    @Test
    void theDefaultApiTimeoutAppliesUnlessTheOptionsSayOtherwise() {
        sender.hangNext().hangNext();
        CompletableFuture<ClusterDescription> byDefault = admin.describeCluster();
        CompletableFuture<ClusterDescription> shorter =
                admin.describeCluster(DescribeClusterOptions.defaults().withTimeout(Duration.ofSeconds(2)));

        scheduler.advance(2_000);
        assertThat(shorter).failsWithin(5, TimeUnit.SECONDS);
        assertThat(byDefault).isNotDone();
        scheduler.advance(58_000);

        assertThatThrownBy(byDefault::get).cause().isInstanceOf(TimeoutException.class)
                .hasMessage("describeCluster timed out after 60000 ms");
    }

    @Test
    void closeLetsPendingCallsFinishWithinTheTimeout() throws Exception {
        sender.hangNext();
        CompletableFuture<ClusterDescription> result = admin.describeCluster();
        CompletableFuture.delayedExecutor(50, TimeUnit.MILLISECONDS).execute(() -> sender.last().future()
                .complete(DescribeClusterResponse.builder().clusterId("c").build()));

        admin.close(Duration.ofSeconds(30));

        assertThat(result.get().clusterId()).isEqualTo("c");
        assertThat(shutdowns).hasSize(1);
    }

    @Test
    void closeFailsCallsStillPendingAtItsTimeoutAndShutsDownOnce() {
        sender.hangNext();
        CompletableFuture<ClusterDescription> result = admin.describeCluster();
        long start = System.nanoTime();

        admin.close(Duration.ofMillis(100));

        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(5_000);
        assertThatThrownBy(result::get).isInstanceOf(ExecutionException.class).cause()
                .isInstanceOf(AdminClosedException.class)
                .hasMessage("Admin client test-admin was closed before describeCluster completed");
        assertThat(admin.pendingCalls()).isZero();
        admin.close();
        assertThat(shutdowns).hasSize(1);
        assertThat(shutdowns.get(0)).isLessThanOrEqualTo(Duration.ofMillis(100));
    }

    @Test
    void callsGoToTheBrokersTheMetadataNames() throws Exception {
        sender.respondNext(DescribeClusterResponse.builder().clusterId("c").build());

        assertThat(admin.describeCluster().get().clusterId()).isEqualTo("c");

        assertThat(sender.last().endpoint()).isEqualTo(TestMetadata.broker(1));
    }

    @Test
    void whenItsOnlyKnownBrokerStopsAnsweringACallGoesBackToTheBootstrapNames() throws Exception {
        sender.failNext(new NetworkException("connection refused"))
                .respondNext(DescribeClusterResponse.builder().clusterId("after").build());
        Endpoint replacement = new Endpoint(-1, "replacement", 9092);
        metadata.bootstrap = List.of(replacement);

        CompletableFuture<ClusterDescription> result = admin.describeCluster();
        scheduler.advance(100);

        assertThat(metadata.resolutions).as("bootstrap names resolved again").hasValue(2);
        assertThat(metadata.sender.last().endpoint()).isEqualTo(replacement);
        assertThat(result).as("waits for the metadata to name a broker").isNotDone();
        metadata.answer(2);
        assertThat(result.get().clusterId()).isEqualTo("after");
        assertThat(sender.sent()).extracting(ScriptedRequestSender.Sent::endpoint)
                .containsExactly(TestMetadata.broker(1), TestMetadata.broker(2));
    }

    @Test
    void closeClosesTheMetadataManager() {
        admin.close(Duration.ZERO);

        assertThat(metadata.manager.requestUpdate()).isCompletedExceptionally();
        assertThat(shutdowns).hasSize(1);
    }

    @Test
    void callsAfterCloseFailWithoutSending() {
        admin.close(Duration.ZERO);
        CompletableFuture<?> result = admin.listTopics();
        assertThatThrownBy(result::get).cause().isInstanceOf(AdminClosedException.class)
                .hasMessageContaining("cannot start listTopics");
        assertThat(sender.sent()).isEmpty();
    }

    @Test
    void cancellingAFutureStopsTheCallsRetries() {
        sender.failNext(new NetworkException("down"));
        CompletableFuture<ClusterDescription> result = admin.describeCluster();
        result.cancel(false);
        scheduler.advance(10_000);
        assertThat(sender.sent()).hasSize(1);
        assertThat(admin.pendingCalls()).isZero();
    }

    @Test
    void newCallsWithNothingToDoCompleteWithoutSendingAndBadArgumentsThrow() throws Exception {
        assertThat(admin.listOffsets(Map.of()).get()).isEmpty();
        assertThat(admin.deleteRecords(Map.of()).get()).isEmpty();
        assertThat(admin.createPartitions(Map.of()).get()).isNull();
        assertThat(admin.describeConfigs(List.of()).get()).isEmpty();
        assertThat(admin.describeConsumerGroups(List.of()).get()).isEmpty();
        assertThat(admin.alterConsumerGroupOffsets("g", Map.of()).get()).isNull();
        assertThat(admin.deleteConsumerGroups(List.of()).get()).isNull();
        assertThat(admin.describeTransactions(List.of()).get()).isEmpty();
        assertThat(admin.createAcls(List.of()).get()).isNull();
        assertThat(sender.sent()).isEmpty();

        assertThatThrownBy(() -> admin.listConsumerGroupOffsets(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> admin.deleteRecords(Map.of(new TopicPartition("t", 0), -5L)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> admin.listOffsets(Map.of(new TopicPartition("bad name", 0), OffsetSpec.latest())))
                .isInstanceOf(InvalidTopicException.class);
        assertThatThrownBy(() -> admin.createPartitions(Map.of("t", 0))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> admin.describeConsumerGroups(Arrays.asList("g", null)))
                .isInstanceOf(NullPointerException.class);
        assertThat(sender.sent()).isEmpty();
    }

    @Test
    void groupCallsFindTheCoordinatorAndAskIt() throws Exception {
        sender.respondNext(FindCoordinatorResponse.builder().coordinators(List.of(FindCoordinatorResponse
                        .Coordinator.builder().key("g").nodeId(2).host("broker2").port(9092)
                        .errorCode(Errors.NONE.code()).build())).build())
                .respondNext(DeleteGroupsResponse.builder().results(List.of(DeleteGroupsResponse.DeletableGroupResult
                        .builder().groupId("g").errorCode(Errors.NONE.code()).build())).build());

        assertThat(admin.deleteConsumerGroups(List.of("g")).get(5, TimeUnit.SECONDS)).isNull();

        assertThat(sender.sent()).extracting(ScriptedRequestSender.Sent::endpoint)
                .containsExactly(TestMetadata.broker(1), TestMetadata.broker(2));
    }

    @AfterEach
    void stopCallbacks() {
        callbacks.close(Duration.ofSeconds(5));
    }

    @Test
    void userFuturesCompleteOnTheCallbackThreads() throws Exception {
        sender.hangNext();
        CompletableFuture<String> thread = admin.describeCluster().thenApply(c -> Thread.currentThread().getName());

        sender.last().future().complete(DescribeClusterResponse.builder().clusterId("c").build());

        assertThat(thread.get(5, TimeUnit.SECONDS)).startsWith("brook-test-admin-callbacks-");
    }

    @Test
    void aCallbackThatBlocksOnAnotherCallOfTheSameClientDoesNotDeadlock() throws Exception {
        sender.hangNext().respondNext(metadata(new int[] {1}, topic("t", 1)));
        CompletableFuture<Set<String>> nested = admin.describeCluster()
                .thenApply(cluster -> admin.listTopics().join());

        sender.last().future().complete(DescribeClusterResponse.builder().clusterId("c").build());

        // The inner result is queued behind the blocked callback; a new callback thread takes the queue over.
        assertThat(nested.get(10, TimeUnit.SECONDS)).containsExactly("t");
    }

    @Test
    void closeFromACallbackDoesNotDeadlockAndFailsWhatIsStillPending() throws Exception {
        sender.hangNext();
        CompletableFuture<Set<String>> stillPending = admin.listTopics();
        sender.hangNext();
        long[] closeTookMs = {-1};
        CompletableFuture<Void> closedInCallback = admin.describeCluster().thenAccept(cluster -> {
            long start = System.nanoTime();
            admin.close(Duration.ofMillis(300));
            closeTookMs[0] = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        });

        sender.last().future().complete(DescribeClusterResponse.builder().clusterId("c").build());

        closedInCallback.get(10, TimeUnit.SECONDS);
        assertThat(closeTookMs[0]).as("waited for the pending call, within its timeout").isBetween(250L, 5_000L);
        assertThatThrownBy(() -> stillPending.get(5, TimeUnit.SECONDS)).cause()
                .isInstanceOf(AdminClosedException.class).hasMessageContaining("listTopics");
        assertThat(shutdowns).hasSize(1);
        assertThat(admin.listTopics()).isCompletedExceptionally();
    }
}
