package io.brook.consumer;

import io.brook.common.event.ClientEvent;

/**
 * The consumer joined a generation of its group (after JoinGroup and SyncGroup).
 *
 * @param groupId the group
 * @param memberId the member id the coordinator gave this consumer
 * @param generationId the generation joined
 * @param leader whether this member computed the assignment
 * @param protocol the assignor the group uses
 */
public record GroupJoinEvent(String clientId, long timestampMs, String groupId, String memberId, int generationId,
        boolean leader, String protocol) implements ClientEvent {}
