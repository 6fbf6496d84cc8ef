package io.brook.core.internal.call;

import static io.brook.core.internal.call.TestMetadata.broker;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.brook.common.errors.NetworkException;
import io.brook.common.errors.TimeoutException;
import io.brook.common.errors.UnknownServerException;
import io.brook.common.errors.UnsupportedVersionException;
import io.brook.core.ManualTime;
import io.brook.core.internal.network.Endpoint;
import io.brook.core.internal.util.ManualScheduler;
import io.brook.protocol.message.MetadataRequest;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class MetadataBrokersTest {
    private final ManualTime time = new ManualTime();
    private final ManualScheduler scheduler = new ManualScheduler(time);
    private final TestMetadata metadata = new TestMetadata(time, scheduler);
    private final MetadataBrokers brokers = new MetadataBrokers(metadata.manager);

    private Set<Endpoint> choices(int count) {
        Set<Endpoint> chosen = new HashSet<>();
        for (int i = 0; i < count; i++) {
            CompletableFuture<Endpoint> choice = brokers.anyBroker();
            assertThat(choice).isCompleted();
            chosen.add(choice.join());
        }
        return chosen;
    }

    @Test
    void theFirstChoiceWaitsForTheBrokersOfACheapMetadataRequest() {
        CompletableFuture<Endpoint> choice = brokers.anyBroker();

        assertThat(choice).isNotDone();
        assertThat(metadata.sender.last().endpoint()).isEqualTo(TestMetadata.BOOTSTRAP);
        MetadataRequest request = (MetadataRequest) metadata.sender.last().body();
        assertThat(request.topics()).as("brokers and controller only, no topic").isEmpty();
        metadata.answer(3);

        assertThat(choice).isCompletedWithValue(broker(3));
    }

    @Test
    void knownBrokersAreOfferedAtOnceInTurn() {
        metadata.manager.start();
        metadata.answer(1, 2);

        assertThat(choices(4)).containsExactlyInAnyOrder(broker(1), broker(2));
        assertThat(metadata.sender.sent()).hasSize(1);
    }

    @Test
    void aBrokerThatGaveNoResponseIsAvoidedUntilItAnswers() {
        metadata.manager.start();
        metadata.answer(1, 2);

        brokers.failed(broker(1), new NetworkException("connection refused"));
        assertThat(choices(4)).containsExactly(broker(2));

        brokers.answered(broker(1));
        assertThat(choices(4)).containsExactlyInAnyOrder(broker(1), broker(2));

        brokers.failed(broker(2), new TimeoutException("no response within 30000 ms"));
        assertThat(choices(4)).containsExactly(broker(1));
    }

    @Test
    void aBrokerThatAnsweredWithAnErrorIsNotAvoided() {
        metadata.manager.start();
        metadata.answer(1, 2);

        brokers.failed(broker(1), new UnsupportedVersionException("too old"));
        brokers.failed(broker(1), new UnknownServerException("oops"));

        assertThat(choices(4)).containsExactlyInAnyOrder(broker(1), broker(2));
        scheduler.advance(1_000);
        assertThat(metadata.sender.sent()).as("no refresh either").hasSize(1);
    }

    @Test
    void whenTheOnlyKnownBrokerFailedTheChoiceWaitsForTheBootstrapNamesResolvedAgain() {
        metadata.manager.start();
        metadata.answer(1);
        brokers.failed(broker(1), new NetworkException("connection refused"));

        CompletableFuture<Endpoint> choice = brokers.anyBroker();

        assertThat(choice).isNotDone();
        Endpoint moved = new Endpoint(-1, "moved", 9092);
        metadata.bootstrap = List.of(moved);
        scheduler.advance(100);
        assertThat(metadata.resolutions).hasValue(2);
        assertThat(metadata.sender.last().endpoint()).isEqualTo(moved);
        metadata.answer(5);
        assertThat(choice).isCompletedWithValue(broker(5));
    }

    @Test
    void whileNoBrokerIsKnownTheLastMetadataFailureSaysWhy() {
        CompletableFuture<Endpoint> choice = brokers.anyBroker();
        assertThat(brokers.lastFailure()).isEmpty();
        NetworkException refused = new NetworkException("connection to bootstrap:9092 refused");

        metadata.sender.fail(refused);

        assertThat(choice).as("still waiting for the retry").isNotDone();
        assertThat(brokers.lastFailure()).containsSame(refused);
    }

    @Test
    void aMetadataFailureThatRetryingCannotCureFailsTheChoice() {
        CompletableFuture<Endpoint> choice = brokers.anyBroker();
        UnsupportedVersionException tooOld = new UnsupportedVersionException("broker too old for Metadata");

        metadata.sender.fail(tooOld);

        assertThatThrownBy(choice::join).hasCause(tooOld);
    }
}
