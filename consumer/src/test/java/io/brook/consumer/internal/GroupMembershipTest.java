package io.brook.consumer.internal;

import static io.brook.consumer.internal.GroupHarness.COORDINATOR_A;
import static io.brook.consumer.internal.GroupHarness.COORDINATOR_B;
import static io.brook.consumer.internal.GroupHarness.heartbeat;
import static io.brook.consumer.internal.GroupHarness.joinBody;
import static io.brook.consumer.internal.GroupHarness.joinError;
import static io.brook.consumer.internal.GroupHarness.joined;
import static io.brook.consumer.internal.GroupHarness.members;
import static io.brook.consumer.internal.GroupHarness.partitions;
import static io.brook.consumer.internal.GroupHarness.subscriptionIn;
import static io.brook.consumer.internal.GroupHarness.syncBody;
import static io.brook.consumer.internal.GroupHarness.syncError;
import static io.brook.consumer.internal.GroupHarness.synced;
import static org.assertj.core.api.Assertions.assertThat;

import io.brook.common.TopicPartition;
import io.brook.common.errors.FencedInstanceIdException;
import io.brook.common.errors.NetworkException;
import io.brook.core.internal.group.ConsumerProtocol;
import io.brook.protocol.Errors;
import io.brook.protocol.message.SyncGroupRequest;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The group state machine, driven without a network through joins, rebalances, coordinator moves and fencing. */
class GroupMembershipTest {

    @Test
    void newMemberLearnsItsIdJoinsAsLeaderAssignsAndHeartbeats() {
        GroupHarness h = new GroupHarness(Map.of("partition.assignment.strategy", "range"), "orders");
        h.findCoordinator(COORDINATOR_A);
        GroupRequest first = h.expect(GroupRequest.Kind.JOIN);
        assertThat(first.target()).isEqualTo(COORDINATOR_A);
        assertThat(joinBody(first).memberId()).isEmpty();
        assertThat(joinBody(first).rebalanceTimeoutMs()).isEqualTo(30_000);
        assertThat(subscriptionIn(first, "range").topics()).containsExactly("orders");
        h.respond(first, joinError(Errors.MEMBER_ID_REQUIRED, "m-1"));

        GroupRequest second = h.expect(GroupRequest.Kind.JOIN);
        assertThat(joinBody(second).memberId()).isEqualTo("m-1");
        h.respond(second, joined("m-1", 1, "range", "m-1", members(Map.of("m-1", List.of("orders"),
                "m-2", List.of("orders")))));
        // The leader waits for the partition counts before assigning.
        assertThat(h.poll()).isEmpty();
        assertThat(h.events).contains("want [orders]");
        h.partitionCounts.put("orders", 4);
        GroupRequest sync = h.expect(GroupRequest.Kind.SYNC);
        SyncGroupRequest body = syncBody(sync);
        assertThat(body.generationId()).isEqualTo(1);
        Map<String, List<TopicPartition>> assignments = new HashMap<>();
        body.assignments().forEach(a -> assignments.put(a.memberId(),
                ConsumerProtocol.Assignment.read(a.assignment()).partitions()));
        assertThat(assignments).containsEntry("m-1", partitions("orders", 0, 1))
                .containsEntry("m-2", partitions("orders", 2, 3));

        h.respond(sync, synced(partitions("orders", 0, 1)));
        List<RebalanceStep> steps = h.ackSteps();
        assertThat(steps).singleElement().satisfies(s -> {
            assertThat(s.kind()).isEqualTo(RebalanceStep.Kind.ASSIGN);
            assertThat(s.partitions()).containsExactlyInAnyOrderElementsOf(partitions("orders", 0, 1));
        });
        assertThat(h.membership.state()).isEqualTo(GroupMembership.State.STABLE);
        assertThat(h.membership.owned()).containsExactlyInAnyOrderElementsOf(partitions("orders", 0, 1));
        assertThat(h.events).contains("rebalance-start", "rebalance-end 1");

        assertThat(h.poll()).isEmpty();
        h.advance(1_000);
        GroupRequest hb = h.expect(GroupRequest.Kind.HEARTBEAT);
        assertThat(hb.generation()).isEqualTo(1);
        h.respond(hb, heartbeat(Errors.NONE));
        h.advance(999);
        assertThat(h.poll()).isEmpty();
        h.advance(1);
        h.expect(GroupRequest.Kind.HEARTBEAT);
    }

    @Test
    void eagerMemberRevokesEverythingBeforeRejoining() {
        GroupHarness h = new GroupHarness(Map.of("partition.assignment.strategy", "range"), "orders");
        h.findCoordinator(COORDINATOR_A);
        h.joinAsFollower("m-1", 1, partitions("orders", 0, 1));
        h.advance(1_000);
        h.respond(h.expect(GroupRequest.Kind.HEARTBEAT), heartbeat(Errors.REBALANCE_IN_PROGRESS));

        assertThat(h.poll()).isEmpty();
        assertThat(h.steps).singleElement().satisfies(s -> {
            assertThat(s.kind()).isEqualTo(RebalanceStep.Kind.REVOKE);
            assertThat(s.partitions()).containsExactlyInAnyOrderElementsOf(partitions("orders", 0, 1));
        });
        // Nothing is sent until the polling thread ran the revocation.
        h.advance(5_000);
        assertThat(h.poll()).extracting(GroupRequest::kind).doesNotContain(GroupRequest.Kind.JOIN);
        h.ackSteps();
        GroupRequest join = h.expect(GroupRequest.Kind.JOIN);
        assertThat(joinBody(join).memberId()).isEqualTo("m-1");
        assertThat(subscriptionIn(join, "range").ownedPartitions()).isEmpty();
    }

    @Test
    void cooperativeMemberKeepsItsPartitionsAndRevokesOnlyWhatMoves() {
        GroupHarness h = new GroupHarness(Map.of("partition.assignment.strategy", "cooperative-sticky"), "orders");
        h.findCoordinator(COORDINATOR_A);
        h.joinAsFollower("m-1", 1, partitions("orders", 0, 1, 2));
        h.advance(1_000);
        h.respond(h.expect(GroupRequest.Kind.HEARTBEAT), heartbeat(Errors.REBALANCE_IN_PROGRESS));

        GroupRequest join = h.expect(GroupRequest.Kind.JOIN);
        assertThat(h.steps).isEmpty();
        ConsumerProtocol.Subscription subscription = subscriptionIn(join, "cooperative-sticky");
        assertThat(subscription.ownedPartitions()).containsExactlyElementsOf(partitions("orders", 0, 1, 2));
        assertThat(subscription.generationId()).isEqualTo(1);

        h.respond(join, joined("m-1", 2, "cooperative-sticky", "other", Map.of()));
        h.respond(h.expect(GroupRequest.Kind.SYNC), synced(partitions("orders", 0, 1)));
        assertThat(h.steps).singleElement().satisfies(s -> {
            assertThat(s.kind()).isEqualTo(RebalanceStep.Kind.REVOKE);
            assertThat(s.partitions()).containsExactly(new TopicPartition("orders", 2));
        });
        h.ackSteps();
        // The follow-up rebalance lets the new owner take the revoked partition.
        GroupRequest again = h.expect(GroupRequest.Kind.JOIN);
        assertThat(subscriptionIn(again, "cooperative-sticky").ownedPartitions())
                .containsExactlyElementsOf(partitions("orders", 0, 1));
    }

    @Test
    void fencedMemberGivesUpItsPartitionsAsLostAndRejoins() {
        GroupHarness h = new GroupHarness(Map.of(), "orders");
        h.findCoordinator(COORDINATOR_A);
        h.joinAsFollower("m-1", 3, partitions("orders", 0));
        h.advance(1_000);
        h.respond(h.expect(GroupRequest.Kind.HEARTBEAT), heartbeat(Errors.UNKNOWN_MEMBER_ID));

        assertThat(h.poll()).isEmpty();
        assertThat(h.steps).singleElement().satisfies(s -> assertThat(s.kind()).isEqualTo(RebalanceStep.Kind.LOST));
        assertThat(h.membership.hasGeneration()).isFalse();
        h.ackSteps();
        GroupRequest join = h.expect(GroupRequest.Kind.JOIN);
        assertThat(joinBody(join).memberId()).isEmpty();

        // A stale generation keeps the member id.
        h.respond(join, joined("m-2", 4, "range", "other", Map.of()));
        h.respond(h.expect(GroupRequest.Kind.SYNC), synced(partitions("orders", 1)));
        h.ackSteps();
        h.advance(1_000);
        h.respond(h.expect(GroupRequest.Kind.HEARTBEAT), heartbeat(Errors.ILLEGAL_GENERATION));
        h.poll();
        assertThat(h.ackSteps()).singleElement().satisfies(s -> {
            assertThat(s.kind()).isEqualTo(RebalanceStep.Kind.LOST);
            assertThat(s.partitions()).containsExactly(new TopicPartition("orders", 1));
        });
        assertThat(joinBody(h.expect(GroupRequest.Kind.JOIN)).memberId()).isEqualTo("m-2");
    }

    @Test
    void coordinatorMoveKeepsTheGenerationAndHeartbeatsTheNewCoordinator() {
        GroupHarness h = new GroupHarness(Map.of(), "orders");
        h.findCoordinator(COORDINATOR_A);
        h.joinAsFollower("m-1", 7, partitions("orders", 0, 1));
        h.advance(1_000);
        h.respond(h.expect(GroupRequest.Kind.HEARTBEAT), heartbeat(Errors.NOT_COORDINATOR));

        h.advance(1_000);
        h.findCoordinator(COORDINATOR_B);
        GroupRequest hb = h.expect(GroupRequest.Kind.HEARTBEAT);
        assertThat(hb.target()).isEqualTo(COORDINATOR_B);
        assertThat(hb.generation()).isEqualTo(7);
        h.respond(hb, heartbeat(Errors.NONE));
        assertThat(h.steps).isEmpty();
        assertThat(h.membership.owned()).containsExactlyInAnyOrderElementsOf(partitions("orders", 0, 1));

        // An unreachable coordinator is looked up again, after a backoff when the lookup fails too.
        h.advance(1_000);
        h.fail(h.expect(GroupRequest.Kind.HEARTBEAT), new NetworkException("connection refused"));
        GroupRequest find = h.expect(GroupRequest.Kind.FIND_COORDINATOR);
        h.fail(find, new NetworkException("no broker"));
        assertThat(h.poll()).isEmpty();
        h.advance(100);
        h.findCoordinator(COORDINATOR_A);
        h.advance(100);
        assertThat(h.expect(GroupRequest.Kind.HEARTBEAT).target()).isEqualTo(COORDINATOR_A);
    }

    @Test
    void sessionWithoutAnsweredHeartbeatsMakesTheMemberLookForTheCoordinator() {
        GroupHarness h = new GroupHarness(Map.of(), "orders");
        h.findCoordinator(COORDINATOR_A);
        h.joinAsFollower("m-1", 1, partitions("orders", 0));
        h.advance(1_000);
        h.expect(GroupRequest.Kind.HEARTBEAT);
        // The heartbeat is never answered; past the session timeout the coordinator counts as lost.
        h.advance(10_001);
        assertThat(h.poll()).extracting(GroupRequest::kind).containsExactly(GroupRequest.Kind.FIND_COORDINATOR);
    }

    @Test
    void exceedingMaxPollIntervalLeavesAndWaitsForTheApplication() {
        GroupHarness h = new GroupHarness(Map.of(), "orders");
        h.findCoordinator(COORDINATOR_A);
        h.joinAsFollower("m-1", 1, partitions("orders", 0, 1));
        for (int i = 0; i < 30; i++) {
            h.advance(1_000);
            List<GroupRequest> sent = h.poll();
            sent.stream().filter(r -> r.kind() == GroupRequest.Kind.HEARTBEAT).forEach(r ->
                    h.respond(r, heartbeat(Errors.NONE)));
        }
        h.advance(1_000);
        List<GroupRequest> sent = h.poll();
        assertThat(sent).extracting(GroupRequest::kind).contains(GroupRequest.Kind.LEAVE);
        assertThat(h.steps).singleElement().satisfies(s -> {
            assertThat(s.kind()).isEqualTo(RebalanceStep.Kind.LOST);
            assertThat(s.pollTimeout()).isTrue();
            assertThat(s.partitions()).containsExactlyInAnyOrderElementsOf(partitions("orders", 0, 1));
        });
        h.ackSteps();
        h.advance(10_000);
        assertThat(h.poll()).extracting(GroupRequest::kind).doesNotContain(GroupRequest.Kind.JOIN);
        h.membership.polled(h.now);
        assertThat(joinBody(h.expect(GroupRequest.Kind.JOIN)).memberId()).isEmpty();
    }

    @Test
    void staticMemberSendsItsInstanceIdDoesNotLeaveAndStopsWhenFenced() {
        GroupHarness h = new GroupHarness(Map.of("group.instance.id", "instance-1"), "orders");
        h.findCoordinator(COORDINATOR_A);
        GroupRequest join = h.expect(GroupRequest.Kind.JOIN);
        assertThat(joinBody(join).groupInstanceId()).isEqualTo("instance-1");
        h.respond(join, joined("m-1", 1, "range", "other", Map.of()));
        h.respond(h.expect(GroupRequest.Kind.SYNC), synced(partitions("orders", 0)));
        h.ackSteps();
        h.membership.leave("closing");
        assertThat(h.poll()).extracting(GroupRequest::kind).doesNotContain(GroupRequest.Kind.LEAVE);

        GroupHarness fenced = new GroupHarness(Map.of("group.instance.id", "instance-1"), "orders");
        fenced.findCoordinator(COORDINATOR_A);
        fenced.joinAsFollower("m-1", 1, partitions("orders", 0));
        fenced.advance(1_000);
        fenced.respond(fenced.expect(GroupRequest.Kind.HEARTBEAT), heartbeat(Errors.FENCED_INSTANCE_ID));
        assertThat(fenced.membership.fatalError()).isInstanceOf(FencedInstanceIdException.class)
                .hasMessageContaining("FENCED_INSTANCE_ID");
        fenced.advance(5_000);
        assertThat(fenced.poll()).isEmpty();
    }

    @Test
    void dynamicMemberLeavesOnRequest() {
        GroupHarness h = new GroupHarness(Map.of(), "orders");
        h.findCoordinator(COORDINATOR_A);
        h.joinAsFollower("m-1", 1, partitions("orders", 0));
        h.active = false;
        h.membership.leave("unsubscribed");
        GroupRequest leave = h.expect(GroupRequest.Kind.LEAVE);
        assertThat(leave.request().build((short) 5).toString()).contains("m-1");
        h.advance(60_000);
        assertThat(h.poll()).isEmpty();
    }

    @Test
    void leaderRejoinsWhenAPartitionCountChangesAndMembersWhenTheSubscriptionDoes() {
        GroupHarness h = new GroupHarness(Map.of("partition.assignment.strategy", "cooperative-sticky"), "orders");
        h.partitionCounts.put("orders", 2);
        h.findCoordinator(COORDINATOR_A);
        GroupRequest join = h.expect(GroupRequest.Kind.JOIN);
        h.respond(join, joined("m-1", 1, "cooperative-sticky", "m-1", members(Map.of("m-1", List.of("orders")))));
        h.respond(h.expect(GroupRequest.Kind.SYNC), synced(partitions("orders", 0, 1)));
        h.ackSteps();
        assertThat(h.poll()).isEmpty();
        h.partitionCounts.put("orders", 3);
        assertThat(h.poll()).extracting(GroupRequest::kind).contains(GroupRequest.Kind.JOIN);

        GroupHarness m = new GroupHarness(Map.of("partition.assignment.strategy", "cooperative-sticky"), "orders");
        m.findCoordinator(COORDINATOR_A);
        m.joinAsFollower("m-2", 1, partitions("orders", 0));
        m.topics.clear();
        m.topics.add("payments");
        m.subscriptionVersion++;
        assertThat(m.poll()).isEmpty();
        // A cooperative member first revokes what it no longer subscribes to, then joins.
        assertThat(m.ackSteps()).singleElement().satisfies(s -> assertThat(s.kind())
                .isEqualTo(RebalanceStep.Kind.REVOKE));
        assertThat(subscriptionIn(m.expect(GroupRequest.Kind.JOIN), "cooperative-sticky").topics())
                .containsExactly("payments");
    }

    @Test
    void rebalanceStormEndsWithTheLastAssignmentAndConsistentSteps() {
        java.util.Random random = new java.util.Random(42);
        for (int run = 0; run < 50; run++) {
            boolean cooperative = run % 2 == 0;
            GroupHarness h = new GroupHarness(Map.of("partition.assignment.strategy",
                    cooperative ? "cooperative-sticky" : "range"), "orders");
            h.findCoordinator(random.nextBoolean() ? COORDINATOR_A : COORDINATOR_B);
            Set<TopicPartition> appHolds = new HashSet<>();
            int generation = 0;
            List<TopicPartition> lastAssigned = List.of();
            for (int step = 0; step < 200; step++) {
                h.advance(random.nextInt(400));
                for (GroupRequest r : h.poll()) {
                    assertThat(h.steps.size()).as("one step at a time").isLessThanOrEqualTo(1);
                    switch (r.kind()) {
                        case FIND_COORDINATOR -> h.respond(r, io.brook.protocol.message.FindCoordinatorResponse
                                .builder().coordinators(List.of(io.brook.protocol.message.FindCoordinatorResponse
                                        .Coordinator.builder().key("g").nodeId(random.nextInt(2) + 1)
                                        .host("broker").port(9092).build())).build());
                        case JOIN -> {
                            if (!cooperative) {
                                assertThat(appHolds).as("eager members join owning nothing").isEmpty();
                            } else {
                                assertThat(new HashSet<>(subscriptionIn(r, "cooperative-sticky").ownedPartitions()))
                                        .isEqualTo(appHolds);
                            }
                            switch (random.nextInt(6)) {
                                case 0 -> h.respond(r, joinError(Errors.REBALANCE_IN_PROGRESS, "m"));
                                case 1 -> h.respond(r, joinError(Errors.NOT_COORDINATOR, "m"));
                                case 2 -> h.fail(r, new NetworkException("timeout"));
                                default -> h.respond(r, joined("m", ++generation, cooperative
                                        ? "cooperative-sticky" : "range", "other", Map.of()));
                            }
                        }
                        case SYNC -> {
                            int choice = random.nextInt(5);
                            if (choice == 0) {
                                h.respond(r, syncError(Errors.REBALANCE_IN_PROGRESS));
                            } else if (choice == 1) {
                                h.respond(r, syncError(Errors.ILLEGAL_GENERATION));
                            } else {
                                lastAssigned = randomAssignment(random);
                                h.respond(r, synced(lastAssigned));
                            }
                        }
                        case HEARTBEAT -> h.respond(r, heartbeat(switch (random.nextInt(12)) {
                            case 0 -> Errors.REBALANCE_IN_PROGRESS;
                            case 1 -> Errors.NOT_COORDINATOR;
                            case 2 -> Errors.UNKNOWN_MEMBER_ID;
                            case 3 -> Errors.ILLEGAL_GENERATION;
                            default -> Errors.NONE;
                        }));
                        case LEAVE -> h.respond(r, GroupHarness.left());
                    }
                }
                if (random.nextInt(3) == 0) {
                    for (RebalanceStep s : h.ackSteps()) {
                        switch (s.kind()) {
                            case REVOKE, LOST -> {
                                assertThat(appHolds).containsAll(s.partitions());
                                appHolds.removeAll(s.partitions());
                            }
                            case ASSIGN -> {
                                for (TopicPartition tp : s.partitions()) {
                                    assertThat(appHolds).doesNotContain(tp);
                                }
                                appHolds.addAll(s.partitions());
                            }
                        }
                    }
                }
                h.membership.polled(h.now);
            }
            // Calm: answer everything successfully until the member is stable with what it was last given.
            for (int i = 0; i < 100; i++) {
                h.advance(200);
                List<GroupRequest> sent = h.poll();
                boolean quiet = sent.stream().allMatch(r -> r.kind() == GroupRequest.Kind.HEARTBEAT);
                for (GroupRequest r : sent) {
                    switch (r.kind()) {
                        case FIND_COORDINATOR -> h.respond(r, io.brook.protocol.message.FindCoordinatorResponse
                                .builder().coordinators(List.of(io.brook.protocol.message.FindCoordinatorResponse
                                        .Coordinator.builder().key("g").nodeId(1).host("broker").port(9092).build()))
                                .build());
                        case JOIN -> h.respond(r, joined("m", ++generation, cooperative ? "cooperative-sticky"
                                : "range", "other", Map.of()));
                        case SYNC -> {
                            lastAssigned = partitions("orders", 0, 1);
                            h.respond(r, synced(lastAssigned));
                        }
                        case HEARTBEAT -> h.respond(r, heartbeat(Errors.NONE));
                        case LEAVE -> h.respond(r, GroupHarness.left());
                    }
                }
                List<RebalanceStep> done = h.ackSteps();
                for (RebalanceStep s : done) {
                    if (s.kind() == RebalanceStep.Kind.ASSIGN) {
                        appHolds.addAll(s.partitions());
                    } else {
                        appHolds.removeAll(s.partitions());
                    }
                }
                h.membership.polled(h.now);
                if (quiet && done.isEmpty() && h.membership.state() == GroupMembership.State.STABLE && i > 20) {
                    break;
                }
            }
            assertThat(h.membership.state()).as("run %d", run).isEqualTo(GroupMembership.State.STABLE);
            assertThat(appHolds).as("run %d", run).isEqualTo(new HashSet<>(lastAssigned));
            assertThat(h.membership.owned()).isEqualTo(appHolds);
        }
    }

    private static List<TopicPartition> randomAssignment(java.util.Random random) {
        List<TopicPartition> out = new java.util.ArrayList<>();
        for (int p = 0; p < 4; p++) {
            if (random.nextBoolean()) {
                out.add(new TopicPartition("orders", p));
            }
        }
        return out;
    }
}
