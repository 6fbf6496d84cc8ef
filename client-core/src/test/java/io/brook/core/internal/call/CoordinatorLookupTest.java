package io.brook.core.internal.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.brook.common.errors.CoordinatorNotAvailableException;
import io.brook.common.errors.GroupAuthorizationException;
import io.brook.common.errors.NetworkException;
import io.brook.core.internal.network.BrokerApiVersions;
import io.brook.core.internal.network.Endpoint;
import io.brook.core.internal.network.ScriptedRequestSender;
import io.brook.core.internal.network.VersionRange;
import io.brook.protocol.ApiKey;
import io.brook.protocol.Errors;
import io.brook.protocol.message.FindCoordinatorRequest;
import io.brook.protocol.message.FindCoordinatorResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class CoordinatorLookupTest {
    private static final Endpoint ANY = new Endpoint(1, "broker1", 9092);
    private static final Endpoint COORDINATOR_2 = new Endpoint(2, "broker2", 9092);
    private static final Endpoint COORDINATOR_3 = new Endpoint(3, "broker3", 9092);

    private final ScriptedRequestSender sender = new ScriptedRequestSender();
    private final List<String> reports = new ArrayList<>();
    private final BrokerSelector brokers = new BrokerSelector() {
        @Override
        public CompletableFuture<Endpoint> anyBroker() {
            return CompletableFuture.completedFuture(ANY);
        }

        @Override
        public void failed(Endpoint broker, Throwable error) {
            reports.add("failed " + broker.nodeId());
        }

        @Override
        public void answered(Endpoint broker) {
            reports.add("answered " + broker.nodeId());
        }
    };
    private final CoordinatorLookup lookup = new CoordinatorLookup(sender, brokers);

    static FindCoordinatorResponse.Coordinator found(String key, Endpoint at) {
        return FindCoordinatorResponse.Coordinator.builder().key(key).nodeId(at.nodeId()).host(at.host())
                .port(at.port()).errorCode(Errors.NONE.code()).build();
    }

    static FindCoordinatorResponse.Coordinator notFound(String key, Errors error) {
        return FindCoordinatorResponse.Coordinator.builder().key(key).nodeId(-1).host("").port(-1)
                .errorCode(error.code()).errorMessage(null).build();
    }

    static FindCoordinatorResponse batched(FindCoordinatorResponse.Coordinator... coordinators) {
        return FindCoordinatorResponse.builder().coordinators(List.of(coordinators)).build();
    }

    @Test
    void keysOfOneTypeAreLookedUpInOneRequestAndCached() {
        Map<CoordinatorKey, CompletableFuture<Endpoint>> found = lookup.findAll(List.of(
                CoordinatorKey.group("a"), CoordinatorKey.group("b"), CoordinatorKey.group("a")));

        assertThat(found).hasSize(2);
        assertThat(sender.sent()).hasSize(1);
        FindCoordinatorRequest request = sender.last().bodyAs(FindCoordinatorRequest.class);
        assertThat(request.keyType()).isEqualTo((byte) 0);
        assertThat(request.coordinatorKeys()).containsExactly("a", "b");
        assertThat(sender.last().endpoint()).isEqualTo(ANY);

        sender.respond(batched(found("b", COORDINATOR_3), found("a", COORDINATOR_2)));

        assertThat(found.get(CoordinatorKey.group("a"))).isCompletedWithValue(COORDINATOR_2);
        assertThat(found.get(CoordinatorKey.group("b"))).isCompletedWithValue(COORDINATOR_3);
        assertThat(lookup.find(CoordinatorKey.group("a"))).isCompletedWithValue(COORDINATOR_2);
        assertThat(sender.sent()).as("answered from the cache").hasSize(1);
        assertThat(reports).containsExactly("answered 1");
    }

    @Test
    void groupsAndTransactionalIdsGoInSeparateRequests() {
        lookup.findAll(List.of(CoordinatorKey.group("g"), CoordinatorKey.transaction("t")));

        assertThat(sender.sent()).extracting(s -> s.bodyAs(FindCoordinatorRequest.class).keyType())
                .containsExactly((byte) 0, (byte) 1);
    }

    @Test
    void callersAskingWhileALookupIsInFlightShareIt() {
        CompletableFuture<Endpoint> first = lookup.find(CoordinatorKey.group("g"));
        CompletableFuture<Endpoint> second = lookup.find(CoordinatorKey.group("g"));
        second.cancel(false);

        assertThat(sender.sent()).hasSize(1);
        sender.respond(batched(found("g", COORDINATOR_2)));

        assertThat(first).as("another caller's cancel does not cancel the lookup").isCompletedWithValue(COORDINATOR_2);
    }

    @Test
    void anErrorForOneKeyFailsOnlyThatKeyWithItsTypedException() {
        Map<CoordinatorKey, CompletableFuture<Endpoint>> found = lookup.findAll(List.of(
                CoordinatorKey.group("ok"), CoordinatorKey.group("loading"), CoordinatorKey.group("denied")));

        sender.respond(batched(found("ok", COORDINATOR_2), notFound("loading", Errors.COORDINATOR_NOT_AVAILABLE),
                notFound("denied", Errors.GROUP_AUTHORIZATION_FAILED)));

        assertThat(found.get(CoordinatorKey.group("ok"))).isCompletedWithValue(COORDINATOR_2);
        assertThatThrownBy(found.get(CoordinatorKey.group("loading"))::join).cause()
                .isInstanceOf(CoordinatorNotAvailableException.class)
                .hasMessageContaining("group 'loading'").hasMessageContaining("COORDINATOR_NOT_AVAILABLE");
        assertThatThrownBy(found.get(CoordinatorKey.group("denied"))::join).cause()
                .isInstanceOf(GroupAuthorizationException.class).hasMessageContaining("(error code 30)");
        assertThat(lookup.cached(CoordinatorKey.group("loading"))).isEmpty();

        CompletableFuture<Endpoint> again = lookup.find(CoordinatorKey.group("loading"));
        assertThat(sender.last().bodyAs(FindCoordinatorRequest.class).coordinatorKeys()).containsExactly("loading");
        sender.respond(batched(found("loading", COORDINATOR_3)));
        assertThat(again).isCompletedWithValue(COORDINATOR_3);
    }

    @Test
    void aKeyTheAnswerLeavesOutFailsRetriably() {
        Map<CoordinatorKey, CompletableFuture<Endpoint>> found = lookup.findAll(List.of(
                CoordinatorKey.group("a"), CoordinatorKey.group("b")));
        sender.respond(batched(found("a", COORDINATOR_2)));

        assertThatThrownBy(found.get(CoordinatorKey.group("b"))::join).cause()
                .isInstanceOf(CoordinatorNotAvailableException.class);
    }

    @Test
    void aFailedRequestFailsEveryKeyAndIsReportedToTheSelector() {
        Map<CoordinatorKey, CompletableFuture<Endpoint>> found = lookup.findAll(List.of(
                CoordinatorKey.group("a"), CoordinatorKey.group("b")));
        NetworkException down = new NetworkException("connection refused");

        sender.fail(down);

        assertThat(found.values()).allSatisfy(f -> assertThatThrownBy(f::join).hasCause(down));
        assertThat(reports).containsExactly("failed 1");
    }

    @Test
    void brokersBeforeBatchingAreAskedOneKeyAtATime() {
        sender.brokerVersions(BrokerApiVersions.of(Map.of(ApiKey.FIND_COORDINATOR, VersionRange.of(0, 3))));
        Map<CoordinatorKey, CompletableFuture<Endpoint>> found = lookup.findAll(List.of(
                CoordinatorKey.group("a"), CoordinatorKey.group("b")));

        assertThat(sender.last().version()).isEqualTo((short) 3);
        assertThat(sender.last().bodyAs(FindCoordinatorRequest.class).key()).isEqualTo("a");
        sender.respond(FindCoordinatorResponse.builder().errorCode(Errors.NONE.code()).nodeId(2).host("broker2")
                .port(9092).build());

        assertThat(found.get(CoordinatorKey.group("a"))).isCompletedWithValue(COORDINATOR_2);
        assertThat(found.get(CoordinatorKey.group("b"))).isNotDone();
        assertThat(sender.last().bodyAs(FindCoordinatorRequest.class).key()).isEqualTo("b");
        sender.respond(FindCoordinatorResponse.builder().errorCode(Errors.NONE.code()).nodeId(3).host("broker3")
                .port(9092).build());
        assertThat(found.get(CoordinatorKey.group("b"))).isCompletedWithValue(COORDINATOR_3);
    }

    @Test
    void transactionCoordinatorsNeedAVersionWithAKeyType() {
        sender.brokerVersions(BrokerApiVersions.of(Map.of(ApiKey.FIND_COORDINATOR, VersionRange.of(0, 0))));

        CompletableFuture<Endpoint> found = lookup.find(CoordinatorKey.transaction("tx"));

        assertThat(found).isCompletedExceptionally();
        assertThat(lookup.find(CoordinatorKey.group("g"))).as("groups still work at v0").isNotDone();
        assertThat(sender.last().version()).isZero();
    }

    @Test
    void invalidateForgetsOnlyTheStaleCoordinator() {
        CompletableFuture<Endpoint> found = lookup.find(CoordinatorKey.group("g"));
        sender.respond(batched(found("g", COORDINATOR_2)));
        assertThat(found).isCompletedWithValue(COORDINATOR_2);

        lookup.invalidate(CoordinatorKey.group("g"), COORDINATOR_3);
        assertThat(lookup.cached(CoordinatorKey.group("g"))).as("a report about another broker")
                .contains(COORDINATOR_2);

        lookup.invalidate(CoordinatorKey.group("g"), COORDINATOR_2);
        assertThat(lookup.cached(CoordinatorKey.group("g"))).isEmpty();
        lookup.find(CoordinatorKey.group("g"));
        assertThat(sender.sent()).hasSize(2);
    }

    @Test
    void anAnswerWithoutAUsableBrokerIsRetriable() {
        CompletableFuture<Endpoint> found = lookup.find(CoordinatorKey.group("g"));
        sender.respond(batched(FindCoordinatorResponse.Coordinator.builder().key("g").nodeId(-1).host("").port(0)
                .errorCode(Errors.NONE.code()).build()));
        assertThatThrownBy(found::join).cause().isInstanceOf(CoordinatorNotAvailableException.class);
    }

    @Test
    void staleCoordinatorErrorsAreRecognized() {
        assertThat(CoordinatorLookup.meansStaleCoordinator(Errors.NOT_COORDINATOR.exception("x"))).isTrue();
        assertThat(CoordinatorLookup.meansStaleCoordinator(Errors.COORDINATOR_NOT_AVAILABLE.exception("x"))).isTrue();
        assertThat(CoordinatorLookup.meansStaleCoordinator(new NetworkException("x"))).isTrue();
        assertThat(CoordinatorLookup.meansStaleCoordinator(Errors.COORDINATOR_LOAD_IN_PROGRESS.exception("x")))
                .as("loading: right coordinator, just not ready").isFalse();
        assertThat(CoordinatorLookup.meansStaleCoordinator(Errors.GROUP_ID_NOT_FOUND.exception("x"))).isFalse();
    }
}
