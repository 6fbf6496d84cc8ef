package io.brook.consumer.internal;

import io.brook.common.TopicPartition;
import io.brook.common.config.ConsumerConfigs;
import io.brook.consumer.internal.assignor.Assignors;
import io.brook.core.internal.group.ConsumerProtocol;
import io.brook.core.internal.network.Endpoint;
import io.brook.protocol.ApiMessage;
import io.brook.protocol.Errors;
import io.brook.protocol.message.FindCoordinatorResponse;
import io.brook.protocol.message.HeartbeatResponse;
import io.brook.protocol.message.JoinGroupRequest;
import io.brook.protocol.message.JoinGroupResponse;
import io.brook.protocol.message.LeaveGroupResponse;
import io.brook.protocol.message.SyncGroupRequest;
import io.brook.protocol.message.SyncGroupResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Drives a {@link GroupMembership} without a network: the test plays the coordinator, answering the requests
 * {@link #poll()} returns, plays the polling thread (acknowledging steps), and moves the clock.
 */
final class GroupHarness {
    static final Endpoint COORDINATOR_A = new Endpoint(1, "broker-a", 9092);
    static final Endpoint COORDINATOR_B = new Endpoint(2, "broker-b", 9092);

    final ConsumerSettings settings;
    final Map<String, Integer> partitionCounts = new HashMap<>();
    final Set<String> topics = new LinkedHashSet<>();
    int subscriptionVersion = 1;
    boolean active = true;
    final List<RebalanceStep> steps = new ArrayList<>();
    final List<String> events = new ArrayList<>();
    final GroupMembership membership;
    long now = 1_000L;

    GroupHarness(Map<String, Object> extra, String... subscribed) {
        Map<String, Object> config = new HashMap<>();
        config.put("bootstrap.servers", "localhost:9092");
        config.put("group.id", "g");
        config.put("session.timeout.ms", 10_000);
        config.put("heartbeat.interval.ms", 1_000);
        config.put("max.poll.interval.ms", 30_000);
        config.put("retry.backoff.ms", 100);
        config.put("retry.backoff.max.ms", 100);
        config.putAll(extra);
        this.settings = ConsumerSettings.from(ConsumerConfigs.DEFINITION.parse(config), "test-client");
        topics.addAll(List.of(subscribed));
        GroupMembership.Subscription subscription = new GroupMembership.Subscription() {
            @Override
            public boolean active() {
                return active;
            }

            @Override
            public Set<String> topics() {
                return topics;
            }

            @Override
            public int version() {
                return subscriptionVersion;
            }
        };
        GroupMembership.TopicCounts counts = new GroupMembership.TopicCounts() {
            @Override
            public int partitionCount(String topic) {
                return partitionCounts.getOrDefault(topic, -1);
            }

            @Override
            public void want(Set<String> wanted) {
                events.add("want " + wanted);
            }
        };
        GroupListener listener = new GroupListener() {
            @Override
            public void rebalanceStarted(String reason, Set<TopicPartition> owned) {
                events.add("rebalance-start");
            }

            @Override
            public void rebalanceEnded(int generation, Set<TopicPartition> assigned, Set<TopicPartition> added,
                    Set<TopicPartition> revoked, long durationMs) {
                events.add("rebalance-end " + generation);
            }
        };
        this.membership = new GroupMembership(settings, Assignors.create(settings.assignors()), subscription, counts,
                steps::add, listener);
        membership.polled(now);
    }

    List<GroupRequest> poll() {
        return membership.poll(now);
    }

    void advance(long ms) {
        now += ms;
    }

    /** The single request of {@code kind} the next poll returns. */
    GroupRequest expect(GroupRequest.Kind kind) {
        List<GroupRequest> sent = poll();
        List<GroupRequest> ofKind = sent.stream().filter(r -> r.kind() == kind).toList();
        if (ofKind.size() != 1) {
            throw new AssertionError("expected one " + kind + " but poll returned " + sent.stream()
                    .map(GroupRequest::kind).toList());
        }
        return ofKind.get(0);
    }

    void respond(GroupRequest request, ApiMessage response) {
        membership.onResponse(request, response, now);
    }

    void fail(GroupRequest request, Throwable error) {
        membership.onFailure(request, error, now);
    }

    /** Acknowledges every step emitted and not yet acknowledged, as the polling thread would. */
    List<RebalanceStep> ackSteps() {
        List<RebalanceStep> done = new ArrayList<>();
        while (!steps.isEmpty()) {
            RebalanceStep step = steps.remove(0);
            done.add(step);
            membership.stepDone(step, now);
        }
        return done;
    }

    // ---- the coordinator's side ---------------------------------------------------------------------------

    void findCoordinator(Endpoint coordinator) {
        GroupRequest find = expect(GroupRequest.Kind.FIND_COORDINATOR);
        respond(find, FindCoordinatorResponse.builder().coordinators(List.of(FindCoordinatorResponse.Coordinator
                .builder().key("g").nodeId(coordinator.nodeId()).host(coordinator.host()).port(coordinator.port())
                .build())).build());
    }

    static JoinGroupRequest joinBody(GroupRequest join) {
        return (JoinGroupRequest) join.request().build((short) 9);
    }

    static SyncGroupRequest syncBody(GroupRequest sync) {
        return (SyncGroupRequest) sync.request().build((short) 5);
    }

    /** The member's subscription for {@code protocol} in a JoinGroup it sent. */
    static ConsumerProtocol.Subscription subscriptionIn(GroupRequest join, String protocol) {
        for (JoinGroupRequest.JoinGroupRequestProtocol p : joinBody(join).protocols()) {
            if (p.name().equals(protocol)) {
                return ConsumerProtocol.Subscription.read(p.metadata());
            }
        }
        throw new AssertionError("no protocol " + protocol);
    }

    static JoinGroupResponse joined(String memberId, int generation, String protocol, String leader,
            Map<String, byte[]> members) {
        List<JoinGroupResponse.JoinGroupResponseMember> list = new ArrayList<>();
        members.forEach((id, metadata) -> list.add(JoinGroupResponse.JoinGroupResponseMember.builder().memberId(id)
                .metadata(metadata).build()));
        return JoinGroupResponse.builder().generationId(generation).protocolName(protocol).leader(leader)
                .memberId(memberId).members(list).build();
    }

    static JoinGroupResponse joinError(Errors error, String memberId) {
        return JoinGroupResponse.builder().errorCode(error.code()).memberId(memberId).leader("").protocolName("")
                .build();
    }

    static SyncGroupResponse synced(List<TopicPartition> partitions) {
        return SyncGroupResponse.builder().assignment(new ConsumerProtocol.Assignment(partitions)
                .toBytes(ConsumerProtocol.ASSIGNMENT_VERSION)).build();
    }

    static SyncGroupResponse syncError(Errors error) {
        return SyncGroupResponse.builder().errorCode(error.code()).assignment(new byte[0]).build();
    }

    static HeartbeatResponse heartbeat(Errors error) {
        return HeartbeatResponse.builder().errorCode(error.code()).build();
    }

    static LeaveGroupResponse left() {
        return LeaveGroupResponse.builder().build();
    }

    /** Joins as a follower of generation {@code generation} and receives {@code assigned}; acks the steps. */
    void joinAsFollower(String memberId, int generation, List<TopicPartition> assigned) {
        GroupRequest join = expect(GroupRequest.Kind.JOIN);
        respond(join, joined(memberId, generation, settings.assignors().get(0), "someone-else", Map.of()));
        GroupRequest sync = expect(GroupRequest.Kind.SYNC);
        respond(sync, synced(assigned));
        ackSteps();
    }

    /** Every partition of {@code topic}. */
    static List<TopicPartition> partitions(String topic, int... numbers) {
        List<TopicPartition> out = new ArrayList<>();
        for (int n : numbers) {
            out.add(new TopicPartition(topic, n));
        }
        return out;
    }

    static Map<String, byte[]> members(Map<String, List<String>> subscriptions) {
        Map<String, byte[]> out = new LinkedHashMap<>();
        subscriptions.forEach((id, topics) -> out.put(id, new ConsumerProtocol.Subscription(topics)
                .toBytes(ConsumerProtocol.SUBSCRIPTION_VERSION)));
        return out;
    }
}
