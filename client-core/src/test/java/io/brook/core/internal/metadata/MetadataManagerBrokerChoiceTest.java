package io.brook.core.internal.metadata;

import static io.brook.core.internal.metadata.MetadataResponses.response;
import static org.assertj.core.api.Assertions.assertThat;

import io.brook.common.config.MetadataRecoveryStrategy;
import io.brook.core.internal.network.Endpoint;
import io.brook.protocol.message.MetadataResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Clients choosing brokers through the manager, and reporting the ones that did not answer. */
class MetadataManagerBrokerChoiceTest {
    private static final Endpoint BROKER_1 = new Endpoint(1, "broker1", 9092);
    private static final Endpoint BROKER_2 = new Endpoint(2, "broker2", 9092);

    private final MetadataManagerFixture f = new MetadataManagerFixture();

    private static MetadataResponse brokers(int... ids) {
        return response().brokers(ids).build();
    }

    private static Set<Endpoint> choices(MetadataManager m, int count) {
        Set<Endpoint> chosen = new HashSet<>();
        for (int i = 0; i < count; i++) {
            chosen.add(m.chooseBroker().orElseThrow());
        }
        return chosen;
    }

    @Test
    void noBrokerBeforeTheFirstAnswerAndAskingStartsTheRefreshThatNamesThem() {
        MetadataManager m = f.manager();

        assertThat(m.chooseBroker()).isEmpty();

        assertThat(f.sender.sent()).hasSize(1);
        assertThat(f.lastTarget().isBootstrap()).isTrue();
        CompletableFuture<ClusterSnapshot> update = m.requestUpdate();
        assertThat(f.sender.sent()).as("joins the refresh in flight").hasSize(1);
        f.sender.respond(brokers(1, 2));
        assertThat(update).isCompleted();
        assertThat(choices(m, 4)).as("rotates over the brokers").containsExactlyInAnyOrder(BROKER_1, BROKER_2);
        assertThat(f.sender.sent()).as("choosing a known broker sends nothing").hasSize(1);
    }

    @Test
    void aFailedBrokerIsChosenLastUntilItAnswersAndItsFailureAsksForARefresh() {
        MetadataManager m = f.manager();
        m.start();
        f.sender.respond(brokers(1, 2));

        m.brokerFailed(BROKER_1);

        assertThat(choices(m, 4)).containsExactly(BROKER_2);
        f.scheduler.advance(100);
        assertThat(f.sender.unansweredCount()).as("a refresh after the backoff").isOne();
        assertThat(f.lastTarget()).as("the refresh avoids the failed broker too").isEqualTo(BROKER_2);
        f.sender.respond(brokers(1, 2));
        assertThat(choices(m, 4)).as("an answer from another broker does not clear the failure")
                .containsExactly(BROKER_2);

        m.brokerAnswered(BROKER_1);

        assertThat(choices(m, 4)).containsExactlyInAnyOrder(BROKER_1, BROKER_2);
    }

    @Test
    void whenEveryKnownBrokerFailedClientsWaitForTheBootstrapNamesToBeResolvedAgain() {
        MetadataManager m = f.manager();
        m.start();
        f.sender.respond(brokers(1, 2));
        m.brokerFailed(BROKER_1);
        m.brokerFailed(BROKER_2);

        assertThat(m.chooseBroker()).isEmpty();

        CompletableFuture<ClusterSnapshot> update = m.requestUpdate();
        f.bootstrap = List.of(new Endpoint(-1, "10.0.0.9", 9092));
        f.scheduler.advance(100);
        assertThat(f.resolutions).hasValue(2);
        assertThat(f.lastTarget()).isEqualTo(new Endpoint(-1, "10.0.0.9", 9092));
        assertThat(m.chooseBroker()).as("nothing to offer until the bootstrap endpoint answers").isEmpty();
        f.sender.respond(brokers(7));
        assertThat(update).isCompleted();
        assertThat(m.chooseBroker()).contains(new Endpoint(7, "broker7", 9092));
    }

    @Test
    void withoutRebootstrapTheBrokerThatFailedLongestAgoIsOffered() {
        MetadataManager m = f.manager(MetadataRecoveryStrategy.NONE, WantedTopics.none(), false);
        m.start();
        f.sender.respond(brokers(1, 2));
        m.brokerFailed(BROKER_1);
        f.time.advance(10);
        m.brokerFailed(BROKER_2);

        List<Optional<Endpoint>> offered = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            offered.add(m.chooseBroker());
        }

        assertThat(offered).containsOnly(Optional.of(BROKER_1));
        assertThat(f.resolutions).hasValue(1);
    }

    @Test
    void aClosedManagerOffersNoBrokerAndSendsNothing() {
        MetadataManager m = f.manager();
        m.start();
        f.sender.respond(brokers(1));
        m.close();

        assertThat(m.chooseBroker()).isEmpty();
        m.brokerFailed(BROKER_1);
        f.scheduler.advance(10_000);

        assertThat(f.sender.sent()).hasSize(1);
        assertThat(m.requestUpdate()).isCompletedExceptionally();
    }
}
