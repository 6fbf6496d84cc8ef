package io.brook.common;

import java.util.Optional;

/**
 * A consumer's view of its group membership, handed to a transactional producer so that offsets committed in a
 * transaction are fenced against zombie group members.
 *
 * <p>Immutable.
 *
 * @param groupId the group id; never null or blank
 * @param generationId the group generation, or {@link #UNKNOWN_GENERATION_ID} when the member has not joined
 * @param memberId the member id the coordinator assigned; never null, empty before the first join
 * @param groupInstanceId the static membership id, if configured; never null
 */
public record ConsumerGroupMetadata(String groupId, int generationId, String memberId,
        Optional<String> groupInstanceId) {
    /** The generation of a member that has not joined yet. */
    public static final int UNKNOWN_GENERATION_ID = -1;

    public ConsumerGroupMetadata {
        if (groupId == null || groupId.isBlank()) {
            throw new IllegalArgumentException("groupId must not be null or blank");
        }
        if (generationId < UNKNOWN_GENERATION_ID) {
            throw new IllegalArgumentException("generationId must be >= -1: " + generationId);
        }
        if (memberId == null) {
            throw new IllegalArgumentException("memberId must not be null (use \"\" before the first join)");
        }
        if (groupInstanceId == null) {
            throw new IllegalArgumentException("groupInstanceId must not be null (use Optional.empty())");
        }
        if (groupInstanceId.isPresent() && groupInstanceId.get().isBlank()) {
            throw new IllegalArgumentException("groupInstanceId must not be blank when present");
        }
    }

    /** The metadata of a member of {@code groupId} that has not joined yet. */
    public ConsumerGroupMetadata(String groupId) {
        this(groupId, UNKNOWN_GENERATION_ID, "", Optional.empty());
    }
}
