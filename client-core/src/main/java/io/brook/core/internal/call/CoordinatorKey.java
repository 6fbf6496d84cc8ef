package io.brook.core.internal.call;

import java.util.Objects;

/**
 * What a coordinator is looked up for: a group id or a transactional id.
 *
 * @param type the kind of key
 * @param key the group id or transactional id; not null (may be empty: Kafka allows an empty group id)
 */
public record CoordinatorKey(CoordinatorType type, String key) {
    public CoordinatorKey {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(key, "key");
    }

    /** The key of group {@code groupId}. */
    public static CoordinatorKey group(String groupId) {
        return new CoordinatorKey(CoordinatorType.GROUP, groupId);
    }

    /** The key of transactional id {@code transactionalId}. */
    public static CoordinatorKey transaction(String transactionalId) {
        return new CoordinatorKey(CoordinatorType.TRANSACTION, transactionalId);
    }

    @Override
    public String toString() {
        return (type == CoordinatorType.GROUP ? "group '" : "transactional id '") + key + "'";
    }
}
