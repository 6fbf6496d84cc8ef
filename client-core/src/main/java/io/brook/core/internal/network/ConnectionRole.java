package io.brook.core.internal.network;

/**
 * What a connection to a broker is for. A client keeps at most one connection per broker and role, so that one
 * kind of traffic cannot hold up another on the same socket: a consumer's long-poll Fetch (held by the broker for
 * up to {@code fetch.max.wait.ms}, and answered in order with everything sent after it) never delays a heartbeat
 * or a commit to the group coordinator, which may be the same broker. kafka-clients does the same with a second
 * connection to the coordinator.
 */
public enum ConnectionRole {
    /** Produce, Fetch, Metadata, admin calls: everything not listed below. */
    DEFAULT,
    /** Requests to a group or transaction coordinator: joins, heartbeats, commits, transaction markers. */
    COORDINATOR
}
