package io.brook.admin.internal;

import io.brook.admin.ConsumerGroupDescription;
import io.brook.admin.MemberDescription;
import io.brook.common.TopicPartition;
import io.brook.common.errors.UnsupportedVersionException;
import io.brook.core.internal.call.CallHandler;
import io.brook.core.internal.call.CallRequest;
import io.brook.core.internal.call.CoordinatorKey;
import io.brook.core.internal.call.Step;
import io.brook.core.internal.group.ConsumerProtocol;
import io.brook.core.internal.network.Endpoint;
import io.brook.protocol.ApiKey;
import io.brook.protocol.ApiMessage;
import io.brook.protocol.Errors;
import io.brook.protocol.message.ConsumerGroupDescribeRequest;
import io.brook.protocol.message.ConsumerGroupDescribeResponse;
import io.brook.protocol.message.DescribeGroupsRequest;
import io.brook.protocol.message.DescribeGroupsResponse;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code describeConsumerGroups}: one request per group to its coordinator, all in one round. A group is first
 * asked with ConsumerGroupDescribe (KIP-848 consumer groups); a classic group answers GROUP_ID_NOT_FOUND there (as
 * does a broker without the API, with UNSUPPORTED_VERSION), so it is asked again with DescribeGroups, whose member
 * assignments are decoded with {@link ConsumerProtocol}. A group unknown to both fails with GROUP_ID_NOT_FOUND; a
 * group of another protocol (Connect, ...) fails with GROUP_ID_NOT_FOUND naming its protocol type.
 *
 * <p>Confined to its call (see {@link CallHandler}).
 */
public final class DescribeConsumerGroupsHandler implements CallHandler<Map<String, ConsumerGroupDescription>> {
    static final String CALL = "describeConsumerGroups";

    private final ResourceResults<String, ConsumerGroupDescription> results;
    /** Groups to ask with DescribeGroups: classic groups, or all on a broker without ConsumerGroupDescribe. */
    private final Set<String> classic = new HashSet<>();

    /** @param groupIds not empty; duplicates are described once */
    public DescribeConsumerGroupsHandler(Collection<String> groupIds) {
        this.results = new ResourceResults<>(CALL, groupIds);
    }

    @Override
    public String callName() {
        return CALL;
    }

    @Override
    public List<CallRequest> nextRequests(long remainingMs) {
        return GroupSteps.toEachCoordinator(results.pending(), CoordinatorKey::group, group -> classic.contains(group)
                ? DescribeGroupsRequest.builder().groups(List.of(group)).build()
                : ConsumerGroupDescribeRequest.builder().groupIds(List.of(group)).build());
    }

    @Override
    public Step<Map<String, ConsumerGroupDescription>> onResponse(CallRequest request, Endpoint from,
            ApiMessage response) {
        String group = request.coordinatorKey().key();
        Step<Map<String, ConsumerGroupDescription>> step = response instanceof ConsumerGroupDescribeResponse r
                ? onConsumerGroup(group, from, r)
                : onClassicGroup(group, from, (DescribeGroupsResponse) response);
        return step != null ? step : GroupSteps.after(results, group, CALL, results::finishWithMap);
    }

    @Override
    public Step<Map<String, ConsumerGroupDescription>> onFailure(CallRequest request, Endpoint to,
            Throwable error) {
        String group = request.coordinatorKey().key();
        if (error instanceof UnsupportedVersionException
                && request.request().apiKey() == ApiKey.CONSUMER_GROUP_DESCRIBE) {
            classic.add(group);
            return Step.sendNext();
        }
        return GroupSteps.onFailure(results, group, CALL, error, results::finishWithMap);
    }

    /** Applies a ConsumerGroupDescribe answer; returns a step only when it must not wait for the round. */
    private Step<Map<String, ConsumerGroupDescription>> onConsumerGroup(String group, Endpoint from,
            ConsumerGroupDescribeResponse response) {
        for (ConsumerGroupDescribeResponse.DescribedGroup g : response.groups()) {
            if (!group.equals(g.groupId())) {
                continue;
            }
            Errors error = AdminErrors.forCode(g.errorCode());
            if (error == Errors.GROUP_ID_NOT_FOUND) {
                // A classic group (or none at all): ask the classic way.
                classic.add(group);
                return Step.sendNext();
            }
            if (error.isRetriable()) {
                return Step.retry(AdminErrors.forGroup(CALL, group, error, g.errorMessage()));
            }
            if (error != Errors.NONE) {
                results.fail(group, AdminErrors.forGroup(CALL, group, error, g.errorMessage()));
                return null;
            }
            List<MemberDescription> members = new ArrayList<>();
            for (ConsumerGroupDescribeResponse.Member m : g.members()) {
                Set<TopicPartition> assigned = new HashSet<>();
                for (ConsumerGroupDescribeResponse.TopicPartitions tps : m.assignment().topicPartitions()) {
                    tps.partitions().forEach(p -> assigned.add(new TopicPartition(tps.topicName(), p)));
                }
                members.add(new MemberDescription(m.memberId(), m.clientId(), m.clientHost(), assigned,
                        m.instanceId()));
            }
            results.succeed(group, new ConsumerGroupDescription(group, g.groupState(), members, g.assignorName(),
                    "consumer", false, from.nodeId()));
        }
        return null;
    }

    /** Applies a DescribeGroups answer; returns a step only when it must not wait for the round. */
    private Step<Map<String, ConsumerGroupDescription>> onClassicGroup(String group, Endpoint from,
            DescribeGroupsResponse response) {
        for (DescribeGroupsResponse.DescribedGroup g : response.groups()) {
            if (!group.equals(g.groupId())) {
                continue;
            }
            Errors error = AdminErrors.forCode(g.errorCode());
            if (error.isRetriable()) {
                return Step.retry(AdminErrors.forGroup(CALL, group, error, g.errorMessage()));
            }
            if (error != Errors.NONE) {
                results.fail(group, AdminErrors.forGroup(CALL, group, error, g.errorMessage()));
                return null;
            }
            boolean simple = g.protocolType().isEmpty();
            if (!simple && !g.protocolType().equals(ConsumerProtocol.PROTOCOL_TYPE)) {
                results.fail(group, AdminErrors.forGroup(CALL, group, Errors.GROUP_ID_NOT_FOUND,
                        "it is not a consumer group (protocol type " + g.protocolType() + ")"));
                return null;
            }
            List<MemberDescription> members = new ArrayList<>();
            for (DescribeGroupsResponse.DescribedGroupMember m : g.members()) {
                members.add(new MemberDescription(m.memberId(), m.clientId(), m.clientHost(),
                        assignment(m.memberAssignment()), m.groupInstanceId()));
            }
            results.succeed(group, new ConsumerGroupDescription(group, g.groupState(), members, g.protocolData(),
                    "classic", simple, from.nodeId()));
        }
        return null;
    }

    private static Set<TopicPartition> assignment(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            return Set.of(); // not Stable yet: the members have no assignment
        }
        return Set.copyOf(ConsumerProtocol.Assignment.read(bytes).partitions());
    }
}
