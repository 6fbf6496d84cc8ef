package io.brook.core.internal.metadata;

import static io.brook.core.internal.metadata.MetadataResponses.response;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.brook.common.config.MetadataRecoveryStrategy;
import io.brook.common.errors.BrookException;
import io.brook.common.errors.NetworkClientClosedException;
import io.brook.common.errors.NetworkException;
import io.brook.common.errors.UnsupportedVersionException;
import io.brook.core.internal.network.Endpoint;
import io.brook.protocol.Errors;
import io.brook.protocol.message.MetadataResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Failures: retry backoff, node choice, re-bootstrapping, fatal errors and close. */
class MetadataManagerRecoveryTest {
    private final MetadataManagerFixture f = new MetadataManagerFixture();

    private static MetadataResponse brokers(int... ids) {
        return response().brokers(ids).build();
    }

    private static NetworkException down() {
        return new NetworkException("connection refused");
    }

    @Test
    void failedAttemptsAreRetriedWithExponentialBackoffAndWaitersKeepWaiting() {
        MetadataManager m = f.manager(MetadataRecoveryStrategy.NONE, WantedTopics.allTopics(), false);
        CompletableFuture<ClusterSnapshot> waiting = m.requestUpdate();
        List<Long> delays = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            f.sender.fail(down());
            long delay = f.scheduler.nextDelayMs().orElseThrow();
            delays.add(delay);
            f.scheduler.advance(delay - 1);
            assertThat(f.sender.unansweredCount()).isZero();
            f.scheduler.advance(1);
            assertThat(f.sender.unansweredCount()).isOne();
        }
        assertThat(delays).containsExactly(100L, 200L, 400L, 800L, 1_000L, 1_000L);
        assertThat(waiting).isNotDone();
        assertThat(m.lastError()).containsInstanceOf(NetworkException.class);

        f.sender.respond(brokers(1));
        assertThat(waiting.join().brokers()).hasSize(1);
        assertThat(m.lastError()).isEmpty();
        assertThat(f.scheduler.nextDelayMs()).contains(MetadataManagerFixture.MAX_AGE_MS);
    }

    @Test
    void asksTheBrokerThatFailedLeastRecently() {
        MetadataManager m = f.manager(MetadataRecoveryStrategy.NONE, WantedTopics.allTopics(), false);
        m.start();
        f.sender.respond(brokers(1, 2, 3));
        m.invalidate(Errors.NOT_LEADER_OR_FOLLOWER);
        List<Integer> asked = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            f.scheduler.advance(f.scheduler.nextDelayMs().orElseThrow());
            asked.add(f.lastTarget().nodeId());
            f.sender.fail(down());
        }
        // Each never-failed broker once, then the one whose failure is oldest, and so on.
        assertThat(asked.subList(0, 3)).containsExactlyInAnyOrder(1, 2, 3);
        assertThat(asked.subList(3, 5)).containsExactlyElementsOf(asked.subList(0, 2));
        assertThat(f.resolutions).as("strategy none never re-resolves").hasValue(1);
    }

    @Test
    void whenEveryKnownBrokerFailedItResolvesTheBootstrapNamesAgain() {
        MetadataManager m = f.manager();
        m.start();
        f.sender.respond(brokers(1, 2));
        m.invalidate(Errors.NOT_LEADER_OR_FOLLOWER);
        f.scheduler.advance(100);
        assertThat(f.lastTarget().isBootstrap()).isFalse();
        f.sender.fail(down());
        f.scheduler.advance(100);
        assertThat(f.lastTarget().isBootstrap()).isFalse();
        f.bootstrap = List.of(new Endpoint(-1, "10.0.0.9", 9092));
        f.sender.fail(down());

        f.scheduler.advance(200);

        assertThat(f.resolutions).hasValue(2);
        assertThat(f.lastTarget()).isEqualTo(new Endpoint(-1, "10.0.0.9", 9092));
        f.sender.respond(brokers(7));
        assertThat(m.snapshot().brokers()).extracting(BrokerNode::id).containsExactly(7);
        m.requestUpdate();
        f.scheduler.advance(100);
        assertThat(f.lastTarget().nodeId()).isEqualTo(7);
    }

    @Test
    void failingForTheTriggerTimeRebootstrapsEvenIfSomeBrokerWasNotTried() {
        MetadataManager m = f.manager();
        m.start();
        f.sender.respond(brokers(1, 2, 3));
        m.invalidate(Errors.NOT_LEADER_OR_FOLLOWER);
        f.scheduler.advance(100);
        f.sender.fail(down());
        f.scheduler.advance(f.scheduler.nextDelayMs().orElseThrow());
        // The second broker hangs until the trigger time has passed, then fails; the third was never tried.
        f.scheduler.advance(MetadataManagerFixture.TRIGGER_MS);
        f.sender.fail(down());
        assertThat(f.resolutions).hasValue(1);

        f.scheduler.advance(f.scheduler.nextDelayMs().orElseThrow());

        assertThat(f.resolutions).hasValue(2);
        assertThat(f.lastTarget().isBootstrap()).isTrue();
    }

    @Test
    void aBrokerAnsweringRebootstrapRequiredSendsTheClientBackToBootstrap() {
        MetadataManager m = f.manager();
        m.start();
        f.sender.respond(brokers(1, 2));
        m.invalidate(Errors.NOT_LEADER_OR_FOLLOWER);
        f.scheduler.advance(100);
        f.sender.respond(response().brokers(1, 2).error(Errors.REBOOTSTRAP_REQUIRED).build());
        f.scheduler.advance(f.scheduler.nextDelayMs().orElseThrow());
        assertThat(f.resolutions).hasValue(2);
        assertThat(f.lastTarget().isBootstrap()).isTrue();

        assertThat(m.invalidate(Errors.REBOOTSTRAP_REQUIRED)).isTrue();
    }

    @Test
    void bootstrapEndpointsAreResolvedAgainOnceAllOfThemFailed() {
        MetadataManager m = f.manager();
        m.start();
        f.sender.fail(down());
        f.scheduler.advance(100);
        f.sender.fail(down());
        assertThat(f.resolutions).hasValue(1);
        f.scheduler.advance(200);
        assertThat(f.resolutions).hasValue(2);
        assertThat(m.snapshot().isEmpty()).isTrue();
    }

    @Test
    void aFailedResolutionIsAFailedAttempt() {
        f.resolutionFailure = new io.brook.common.errors.UnresolvedHostException("nowhere.test", "None of the bootstrap.servers resolves: nowhere.test:9092", null);
        MetadataManager m = f.manager();
        CompletableFuture<ClusterSnapshot> waiting = m.requestUpdate();
        assertThat(f.sender.sent()).isEmpty();
        assertThat(m.lastError()).get().extracting(Throwable::getMessage).asString().contains("resolves");
        assertThat(f.scheduler.nextDelayMs()).contains(100L);

        f.resolutionFailure = null;
        f.scheduler.advance(100);
        f.sender.respond(brokers(1));
        assertThat(waiting).isCompleted();
    }

    @Test
    void aNonRetriableFailureFailsTheWaitersButRefreshingGoesOn() {
        MetadataManager m = f.manager();
        CompletableFuture<ClusterSnapshot> waiting = m.requestUpdate();
        UnsupportedVersionException tooOld = new UnsupportedVersionException("broker too old");
        f.sender.fail(tooOld);
        assertThat(waiting).isCompletedExceptionally();
        assertThatThrownBy(waiting::join).hasCause(tooOld);
        f.scheduler.advance(100);
        assertThat(f.sender.unansweredCount()).isOne();
    }

    @Test
    void aClosedNetworkLayerStopsTheManager() {
        MetadataManager m = f.manager();
        CompletableFuture<ClusterSnapshot> waiting = m.requestUpdate();
        f.sender.fail(new NetworkClientClosedException("Network client test-client is closed"));
        assertThatThrownBy(waiting::join).hasCauseInstanceOf(NetworkClientClosedException.class);
        f.scheduler.advance(10_000);
        assertThat(f.sender.sent()).hasSize(1);
        assertThat(m.requestUpdate()).isCompletedExceptionally();
    }

    @Test
    void closeFailsWaitersCancelsTheTimerAndDropsLateAnswers() {
        MetadataManager m = f.manager();
        m.start();
        f.sender.respond(brokers(1));
        CompletableFuture<ClusterSnapshot> joining = m.requestUpdate();
        assertThat(f.scheduler.pendingDueTimes()).isNotEmpty();

        m.close();

        assertThatThrownBy(joining::join).hasCauseInstanceOf(BrookException.class).hasMessageContaining("closed");
        assertThat(f.scheduler.pendingDueTimes()).isEmpty();
        assertThat(m.requestUpdate()).isCompletedExceptionally();
        m.close();

        MetadataManager other = f.manager();
        other.start();
        other.close();
        f.sender.respond(brokers(1));
        assertThat(other.snapshot().isEmpty()).as("an answer after close is dropped").isTrue();
    }

    @Test
    void anAnswerWithoutBrokersOrWithDuplicateBrokersIsAFailedAttempt() {
        MetadataManager m = f.manager();
        m.start();
        f.sender.respond(response().build());
        assertThat(m.snapshot().isEmpty()).isTrue();
        assertThat(m.lastError()).get().extracting(Throwable::getMessage).asString().contains("no brokers");
        f.scheduler.advance(100);
        f.sender.respond(response().brokers(1, 1).build());
        assertThat(m.snapshot().isEmpty()).isTrue();
        assertThat(m.lastError()).get().extracting(Throwable::getMessage).asString().contains("Invalid");
    }
}
