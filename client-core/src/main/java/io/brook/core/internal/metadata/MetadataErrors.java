package io.brook.core.internal.metadata;

import io.brook.protocol.Errors;
import java.util.EnumSet;
import java.util.Set;

/** Which error codes mean that a client's metadata is out of date. Stateless. */
final class MetadataErrors {
    /**
     * Leadership moved or is moving, the topic or partition is not (or no longer) where the client thinks, or the
     * broker asked is not the one to ask: a fresh view of the cluster is needed before a retry can succeed.
     */
    private static final Set<Errors> INVALIDATING = EnumSet.of(
            Errors.NOT_LEADER_OR_FOLLOWER, Errors.LEADER_NOT_AVAILABLE, Errors.UNKNOWN_TOPIC_OR_PARTITION,
            Errors.FENCED_LEADER_EPOCH, Errors.UNKNOWN_LEADER_EPOCH, Errors.REPLICA_NOT_AVAILABLE,
            Errors.KAFKA_STORAGE_ERROR, Errors.NOT_CONTROLLER, Errors.BROKER_NOT_AVAILABLE,
            Errors.OFFSET_NOT_AVAILABLE, Errors.UNKNOWN_TOPIC_ID, Errors.INCONSISTENT_TOPIC_ID,
            Errors.FETCH_SESSION_TOPIC_ID_ERROR, Errors.NETWORK_EXCEPTION, Errors.REBOOTSTRAP_REQUIRED);

    private MetadataErrors() {}

    static boolean invalidatesMetadata(Errors error) {
        return INVALIDATING.contains(error);
    }
}
