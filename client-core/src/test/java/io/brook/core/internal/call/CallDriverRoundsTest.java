package io.brook.core.internal.call;

import static io.brook.core.internal.call.CoordinatorLookupTest.batched;
import static io.brook.core.internal.call.CoordinatorLookupTest.found;
import static io.brook.core.internal.call.CoordinatorLookupTest.notFound;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.brook.common.errors.GroupAuthorizationException;
import io.brook.common.errors.NetworkException;
import io.brook.core.ManualTime;
import io.brook.core.internal.network.Endpoint;
import io.brook.core.internal.network.ScriptedRequestSender;
import io.brook.core.internal.util.ExponentialBackoff;
import io.brook.core.internal.util.ManualScheduler;
import io.brook.protocol.ApiKey;
import io.brook.protocol.ApiMessage;
import io.brook.protocol.Errors;
import io.brook.protocol.message.DescribeClusterRequest;
import io.brook.protocol.message.DescribeClusterResponse;
import io.brook.protocol.message.FindCoordinatorRequest;
import io.brook.protocol.message.ListGroupsRequest;
import io.brook.protocol.message.ListGroupsResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

/** {@link CallDriver} with rounds of several requests and with requests to coordinators. */
class CallDriverRoundsTest {
    private static final Endpoint BROKER_1 = new Endpoint(1, "broker1", 9092);
    private static final Endpoint BROKER_2 = new Endpoint(2, "broker2", 9092);
    private static final Endpoint BROKER_3 = new Endpoint(3, "broker3", 9092);

    private final ManualTime time = new ManualTime();
    private final ManualScheduler scheduler = new ManualScheduler(time);
    private final ScriptedRequestSender sender = new ScriptedRequestSender();
    private final BrokerSelector anyIsOne = () -> CompletableFuture.completedFuture(BROKER_1);
    private final CallContext context = CallContext.of(sender, anyIsOne, scheduler, time,
            new ExponentialBackoff(100, 2.0, 1_000, 0.0), Integer.MAX_VALUE);

    /** Asks each named group's coordinator (ListGroups stands in for any coordinator request) until all answered. */
    private static final class PerGroup implements CallHandler<Map<String, Endpoint>> {
        final Map<String, Endpoint> answered = new LinkedHashMap<>();
        final List<String> groups;
        final List<String> failures = new ArrayList<>();
        BiFunction<String, ApiMessage, Step<Map<String, Endpoint>>> onResponse;

        PerGroup(String... groups) {
            this.groups = List.of(groups);
        }

        @Override
        public String callName() {
            return "perGroup";
        }

        @Override
        public List<CallRequest> nextRequests(long remainingMs) {
            return groups.stream().filter(g -> !answered.containsKey(g))
                    .map(g -> CallRequest.toCoordinator(CoordinatorKey.group(g), ListGroupsRequest.builder().build()))
                    .toList();
        }

        @Override
        public Step<Map<String, Endpoint>> onResponse(CallRequest request, Endpoint from, ApiMessage response) {
            String group = request.coordinatorKey().key();
            if (onResponse != null) {
                Step<Map<String, Endpoint>> step = onResponse.apply(group, response);
                if (step != null) {
                    return step;
                }
            }
            answered.put(group, from);
            return answered.size() == groups.size() ? Step.done(Map.copyOf(answered)) : Step.sendNext();
        }

        @Override
        public Step<Map<String, Endpoint>> onFailure(CallRequest request, Endpoint to, Throwable error) {
            failures.add(request.coordinatorKey().key() + (to == null ? " (not sent)" : "") + ": "
                    + error.getClass().getSimpleName());
            return CallHandler.super.onFailure(request, to, error);
        }
    }

    private static ListGroupsResponse groupsOk() {
        return ListGroupsResponse.builder().errorCode(Errors.NONE.code()).build();
    }

    private List<ScriptedRequestSender.Sent> sentTo(ApiKey api) {
        return sender.sent().stream().filter(s -> s.request().apiKey() == api).toList();
    }

    @Test
    void aRoundLooksUpEveryCoordinatorInOneRequestThenSendsToEachCoordinator() throws Exception {
        PerGroup handler = new PerGroup("a", "b");
        CompletableFuture<Map<String, Endpoint>> result = new CallDriver<>(handler, context, 10_000).start();

        assertThat(sender.last().bodyAs(FindCoordinatorRequest.class).coordinatorKeys()).containsExactly("a", "b");
        sender.respond(batched(found("a", BROKER_2), found("b", BROKER_3)));
        assertThat(sentTo(ApiKey.LIST_GROUPS)).extracting(ScriptedRequestSender.Sent::endpoint)
                .containsExactly(BROKER_2, BROKER_3);
        sender.respond(groupsOk());
        assertThat(result).isNotDone();
        sender.respond(groupsOk());

        assertThat(result.get()).containsEntry("a", BROKER_2).containsEntry("b", BROKER_3);
    }

    @Test
    void notCoordinatorForgetsTheCoordinatorSoTheRetryLooksItUpAgain() throws Exception {
        PerGroup handler = new PerGroup("g");
        int[] calls = {0};
        handler.onResponse = (group, response) -> calls[0]++ == 0
                ? Step.retry(Errors.NOT_COORDINATOR.exception("moved")) : null;
        sender.respondNext(batched(found("g", BROKER_2))).respondNext(groupsOk())
                .respondNext(batched(found("g", BROKER_3))).respondNext(groupsOk());

        CompletableFuture<Map<String, Endpoint>> result = new CallDriver<>(handler, context, 10_000).start();
        scheduler.advance(100);

        assertThat(result.get()).containsEntry("g", BROKER_3);
        assertThat(sentTo(ApiKey.FIND_COORDINATOR)).hasSize(2);
        assertThat(context.coordinators().cached(CoordinatorKey.group("g"))).contains(BROKER_3);
    }

    @Test
    void aCoordinatorThatGivesNoResponseIsForgotten() throws Exception {
        PerGroup handler = new PerGroup("g");
        sender.respondNext(batched(found("g", BROKER_2))).failNext(new NetworkException("reset"))
                .respondNext(batched(found("g", BROKER_3))).respondNext(groupsOk());

        CompletableFuture<Map<String, Endpoint>> result = new CallDriver<>(handler, context, 10_000).start();
        scheduler.advance(100);

        assertThat(result.get()).containsEntry("g", BROKER_3);
        assertThat(handler.failures).containsExactly("g: NetworkException");
    }

    @Test
    void aKnownCoordinatorIsUsedWithoutALookup() throws Exception {
        sender.respondNext(batched(found("g", BROKER_2))).respondNext(groupsOk()).respondNext(groupsOk());
        new CallDriver<>(new PerGroup("g"), context, 10_000).start().get();

        new CallDriver<>(new PerGroup("g"), context, 10_000).start().get();

        assertThat(sentTo(ApiKey.FIND_COORDINATOR)).hasSize(1);
        assertThat(sentTo(ApiKey.LIST_GROUPS)).hasSize(2);
    }

    @Test
    void aCoordinatorThatCannotBeFoundIsTheHandlersToJudge() {
        PerGroup handler = new PerGroup("denied");
        sender.respondNext(batched(notFound("denied", Errors.GROUP_AUTHORIZATION_FAILED)));

        CompletableFuture<Map<String, Endpoint>> result = new CallDriver<>(handler, context, 10_000).start();

        assertThatThrownBy(result::get).cause().isInstanceOf(GroupAuthorizationException.class);
        assertThat(handler.failures).containsExactly("denied (not sent): GroupAuthorizationException");
    }

    @Test
    void aRetryInARoundWaitsForTheWholeRoundThenResendsOnlyWhatIsLeft() throws Exception {
        PerGroup handler = new PerGroup("a", "b");
        int[] answersForB = {0};
        handler.onResponse = (group, response) -> group.equals("b") && answersForB[0]++ == 0
                ? Step.retry(Errors.COORDINATOR_LOAD_IN_PROGRESS.exception("loading")) : null;
        sender.respondNext(batched(found("a", BROKER_2), found("b", BROKER_3)));
        CompletableFuture<Map<String, Endpoint>> result = new CallDriver<>(handler, context, 10_000).start();
        ScriptedRequestSender.Sent toB = sender.sent().get(2);
        assertThat(toB.endpoint()).isEqualTo(BROKER_3);
        sender.respond(groupsOk()); // a
        sender.respond(groupsOk()); // b: still loading

        assertThat(sentTo(ApiKey.LIST_GROUPS)).hasSize(2);
        sender.respondNext(groupsOk());
        scheduler.advance(99);
        assertThat(sentTo(ApiKey.LIST_GROUPS)).as("backing off").hasSize(2);
        scheduler.advance(1);

        assertThat(result.get()).containsOnlyKeys("a", "b");
        assertThat(sentTo(ApiKey.LIST_GROUPS)).extracting(ScriptedRequestSender.Sent::endpoint)
                .containsExactly(BROKER_2, BROKER_3, BROKER_3);
        assertThat(context.coordinators().cached(CoordinatorKey.group("b")))
                .as("loading does not mean moved").contains(BROKER_3);
    }

    @Test
    void doneEndsTheCallAtOnceAndLateResponsesAreDropped() throws Exception {
        CallHandler<String> firstWins = new CallHandler<>() {
            @Override
            public String callName() {
                return "firstWins";
            }

            @Override
            public List<CallRequest> nextRequests(long remainingMs) {
                return List.of(CallRequest.toBroker(BROKER_1, DescribeClusterRequest.builder().build()),
                        CallRequest.toBroker(BROKER_2, DescribeClusterRequest.builder().build()));
            }

            @Override
            public Step<String> onResponse(CallRequest request, Endpoint from, ApiMessage response) {
                return Step.done("from " + from.nodeId());
            }
        };
        CompletableFuture<String> result = new CallDriver<>(firstWins, context, 10_000).start();
        assertThat(sender.sent()).hasSize(2);

        sender.sent().get(1).future().complete(DescribeClusterResponse.builder().clusterId("c").build());
        sender.sent().get(0).future().complete(DescribeClusterResponse.builder().clusterId("c").build());

        assertThat(result.get()).isEqualTo("from 2");
    }
}
