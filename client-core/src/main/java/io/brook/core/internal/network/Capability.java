package io.brook.core.internal.network;

import io.brook.protocol.ApiKey;

/**
 * A feature of the protocol that only some versions of an API carry, by name: protocol logic asks for
 * {@code Capability.X} instead of comparing version numbers ({@code if (version >= 7)}), so the one version
 * threshold lives here, next to the others, and the {@link VersionNegotiator} stays the only place a version is
 * chosen. A request that needs a capability narrows its range with {@link #versions()}; a request that merely
 * uses it when present asks {@link #at(short)} while building the body for the chosen version.
 *
 * <p>Thresholds come from Kafka's protocol definitions (the version notes of each message). Immutable.
 */
public enum Capability {
    /** Metadata v4+: the request says whether the broker may create missing topics. */
    METADATA_AUTO_CREATE_FLAG(ApiKey.METADATA, 4),
    /** DeleteTopics v6+: topics named by name or id, with an error per topic state. */
    DELETE_TOPICS_BY_STATE(ApiKey.DELETE_TOPICS, 6),
    /** ListOffsets v7+: the MAX_TIMESTAMP spec (-3), the offset of the record with the largest timestamp. */
    LIST_OFFSETS_MAX_TIMESTAMP(ApiKey.LIST_OFFSETS, 7),
    /** Fetch v13+: topics by id instead of name. */
    FETCH_TOPIC_IDS(ApiKey.FETCH, 13),
    /** Produce v13+: topics named by topic id instead of name (KIP-516). */
    PRODUCE_TOPIC_IDS(ApiKey.PRODUCE, 13),
    /** InitProducerId v3+: the producer sends the id and epoch it holds, to bump its epoch (KIP-360). */
    INIT_PRODUCER_ID_EPOCH_BUMP(ApiKey.INIT_PRODUCER_ID, 3),
    /** JoinGroup v4+: a new member is told its id and must join again with it (MEMBER_ID_REQUIRED). */
    JOIN_GROUP_MEMBER_ID_REQUIRED(ApiKey.JOIN_GROUP, 4),
    /** JoinGroup v5+, SyncGroup v3+, Heartbeat v3+, OffsetCommit v7+: static membership (group.instance.id). */
    JOIN_GROUP_STATIC_MEMBERSHIP(ApiKey.JOIN_GROUP, 5),
    /** FindCoordinator v1+: a key type, so transaction coordinators can be found (v0 finds groups only). */
    FIND_COORDINATOR_KEY_TYPE(ApiKey.FIND_COORDINATOR, 1),
    /** FindCoordinator v4+: several keys per request, one answer per key. */
    FIND_COORDINATOR_BATCHED(ApiKey.FIND_COORDINATOR, 4),
    /** ListOffsets v2+: an isolation level (read_committed look-ups answer with the last stable offset). */
    LIST_OFFSETS_ISOLATION_LEVEL(ApiKey.LIST_OFFSETS, 2),
    /** LeaveGroup v3+: leaving members as a list of member and instance ids, not one member id. */
    LEAVE_GROUP_BATCHED(ApiKey.LEAVE_GROUP, 3),
    /** OffsetFetch v2+: a null topic list asks for every committed partition of the group. */
    OFFSET_FETCH_ALL_TOPICS(ApiKey.OFFSET_FETCH, 2),
    /** OffsetFetch v7+: requireStable (wait for pending transactional commits). */
    OFFSET_FETCH_REQUIRE_STABLE(ApiKey.OFFSET_FETCH, 7),
    /** OffsetFetch v8+: groups in a list, each with its own error code. */
    OFFSET_FETCH_GROUPS(ApiKey.OFFSET_FETCH, 8),
    /** ListGroups v4+: a state filter, and each group's state in the answer. */
    LIST_GROUPS_STATES(ApiKey.LIST_GROUPS, 4),
    /** ListGroups v5+: a type filter, and each group's type (classic, consumer, ...) in the answer. */
    LIST_GROUPS_TYPES(ApiKey.LIST_GROUPS, 5),
    /** DescribeConfigs v3+: each key's documentation, on request. */
    DESCRIBE_CONFIGS_DOCUMENTATION(ApiKey.DESCRIBE_CONFIGS, 3),
    /**
     * Produce v12+: a transactional Produce enrols its partitions in the transaction (transaction protocol v2,
     * KIP-890 part 2); the classic protocol stays below it and enrols them with AddPartitionsToTxn.
     */
    PRODUCE_IMPLICIT_TXN_PARTITIONS(ApiKey.PRODUCE, 12),
    /** AddPartitionsToTxn v4+: the broker-to-coordinator form (several transactions, verifyOnly); clients use v3-. */
    ADD_PARTITIONS_TO_TXN_BATCHED(ApiKey.ADD_PARTITIONS_TO_TXN, 4),
    /** EndTxn v5+: transaction protocol v2, the epoch is bumped by every transaction and returned. */
    END_TXN_EPOCH_BUMP(ApiKey.END_TXN, 5),
    /** TxnOffsetCommit v3+: the group member's generation and ids, so the coordinator fences zombies (KIP-447). */
    TXN_OFFSET_COMMIT_GROUP_MEMBER(ApiKey.TXN_OFFSET_COMMIT, 3),
    /** TxnOffsetCommit v5+: transaction protocol v2, the group is enrolled without AddOffsetsToTxn. */
    TXN_OFFSET_COMMIT_IMPLICIT_GROUP(ApiKey.TXN_OFFSET_COMMIT, 5);

    private final ApiKey api;
    private final short since;

    Capability(ApiKey api, int since) {
        this.api = api;
        this.since = (short) since;
    }

    /** The API the capability belongs to. */
    public ApiKey api() {
        return api;
    }

    /** The first version that has it. */
    public short since() {
        return since;
    }

    /** Every version Brook has that carries the capability: for a request that cannot do without it. */
    public VersionRange versions() {
        return new VersionRange((short) Math.max(since, api.lowestVersion()), api.highestVersion());
    }

    /**
     * Every version Brook has that lacks the capability: for a request that must not use it (a classic transaction
     * must not be enrolled the newer way).
     *
     * @throws IllegalStateException if every version Brook has carries it
     */
    public VersionRange versionsWithout() {
        if (since <= api.lowestVersion()) {
            throw new IllegalStateException("Every version of " + api.apiName() + " has " + this);
        }
        return new VersionRange(api.lowestVersion(), (short) Math.min(since - 1, api.highestVersion()));
    }

    /** Whether {@code version} of {@link #api()} carries the capability. */
    public boolean at(short version) {
        return version >= since;
    }
}
