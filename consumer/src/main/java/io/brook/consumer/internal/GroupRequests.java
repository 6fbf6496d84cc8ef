package io.brook.consumer.internal;

import io.brook.core.internal.group.ConsumerProtocol;
import io.brook.core.internal.network.Capability;
import io.brook.core.internal.network.Endpoint;
import io.brook.core.internal.network.RequestBuilder;
import io.brook.protocol.ApiKey;
import io.brook.protocol.Errors;
import io.brook.protocol.message.FindCoordinatorRequest;
import io.brook.protocol.message.FindCoordinatorResponse;
import io.brook.protocol.message.HeartbeatRequest;
import io.brook.protocol.message.JoinGroupRequest;
import io.brook.protocol.message.LeaveGroupRequest;
import io.brook.protocol.message.SyncGroupRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds the requests of the classic group protocol for {@link GroupMembership}, and reads the FindCoordinator
 * answer. Version-dependent bodies ask a {@link Capability}. Stateless.
 */
final class GroupRequests {
    /** FindCoordinator key type of a consumer group. */
    private static final byte GROUP_KEY_TYPE = 0;

    private GroupRequests() {}

    static RequestBuilder findCoordinator(String groupId) {
        return RequestBuilder.of(ApiKey.FIND_COORDINATOR, v -> {
            FindCoordinatorRequest.Builder b = FindCoordinatorRequest.builder().keyType(GROUP_KEY_TYPE);
            return Capability.FIND_COORDINATOR_BATCHED.at(v) ? b.coordinatorKeys(List.of(groupId)).build()
                    : b.key(groupId).build();
        });
    }

    /** The coordinator an answer names, its error, and the broker's message. */
    record Coordinator(Errors error, String message, Optional<Endpoint> endpoint) {}

    static Coordinator coordinator(FindCoordinatorResponse response) {
        Errors error;
        String message;
        int node;
        String host;
        int port;
        if (!response.coordinators().isEmpty()) {
            FindCoordinatorResponse.Coordinator c = response.coordinators().get(0);
            error = Errors.forCode(c.errorCode());
            message = c.errorMessage();
            node = c.nodeId();
            host = c.host();
            port = c.port();
        } else {
            error = Errors.forCode(response.errorCode());
            message = response.errorMessage();
            node = response.nodeId();
            host = response.host();
            port = response.port();
        }
        if (error != Errors.NONE || node < 0 || host == null || host.isBlank()) {
            return new Coordinator(error == Errors.NONE ? Errors.COORDINATOR_NOT_AVAILABLE : error, message,
                    Optional.empty());
        }
        return new Coordinator(error, message, Optional.of(new Endpoint(node, host, port)));
    }

    /** One protocol (assignor) offered in JoinGroup, with the member's subscription for it. */
    record Protocol(String name, byte[] metadata) {}

    static RequestBuilder joinGroup(String groupId, Optional<String> instanceId, String memberId, int sessionTimeoutMs,
            int rebalanceTimeoutMs, List<Protocol> protocols, String reason) {
        List<JoinGroupRequest.JoinGroupRequestProtocol> wire = new ArrayList<>(protocols.size());
        for (Protocol p : protocols) {
            wire.add(JoinGroupRequest.JoinGroupRequestProtocol.builder().name(p.name()).metadata(p.metadata()).build());
        }
        JoinGroupRequest body = JoinGroupRequest.builder()
                .groupId(groupId)
                .sessionTimeoutMs(sessionTimeoutMs)
                .rebalanceTimeoutMs(rebalanceTimeoutMs)
                .memberId(memberId)
                .groupInstanceId(instanceId.orElse(null))
                .protocolType(ConsumerProtocol.PROTOCOL_TYPE)
                .protocols(wire)
                .reason(reason)
                .build();
        RequestBuilder request = RequestBuilder.of(body);
        // A member must learn its id from the coordinator before it is admitted (v4+); static members need v5+.
        request = request.requiring(Capability.JOIN_GROUP_MEMBER_ID_REQUIRED);
        return instanceId.isPresent() ? request.requiring(Capability.JOIN_GROUP_STATIC_MEMBERSHIP) : request;
    }

    static RequestBuilder syncGroup(String groupId, Optional<String> instanceId, String memberId, int generation,
            String protocolName, Map<String, byte[]> assignments) {
        List<SyncGroupRequest.SyncGroupRequestAssignment> wire = new ArrayList<>(assignments.size());
        assignments.forEach((member, bytes) -> wire.add(SyncGroupRequest.SyncGroupRequestAssignment.builder()
                .memberId(member).assignment(bytes).build()));
        return RequestBuilder.of(SyncGroupRequest.builder()
                .groupId(groupId)
                .generationId(generation)
                .memberId(memberId)
                .groupInstanceId(instanceId.orElse(null))
                .protocolType(ConsumerProtocol.PROTOCOL_TYPE)
                .protocolName(protocolName)
                .assignments(wire)
                .build());
    }

    static RequestBuilder heartbeat(String groupId, Optional<String> instanceId, String memberId, int generation) {
        return RequestBuilder.of(HeartbeatRequest.builder()
                .groupId(groupId)
                .generationId(generation)
                .memberId(memberId)
                .groupInstanceId(instanceId.orElse(null))
                .build());
    }

    static RequestBuilder leaveGroup(String groupId, Optional<String> instanceId, String memberId, String reason) {
        return RequestBuilder.of(ApiKey.LEAVE_GROUP, v -> {
            LeaveGroupRequest.Builder b = LeaveGroupRequest.builder().groupId(groupId);
            if (!Capability.LEAVE_GROUP_BATCHED.at(v)) {
                return b.memberId(memberId).build();
            }
            return b.members(List.of(LeaveGroupRequest.MemberIdentity.builder()
                    .memberId(memberId)
                    .groupInstanceId(instanceId.orElse(null))
                    .reason(reason)
                    .build())).build();
        });
    }
}
