package io.brook.consumer.internal;

import io.brook.core.internal.network.Endpoint;
import io.brook.core.internal.network.RequestBuilder;
import java.util.Objects;

/**
 * A request {@link GroupMembership#poll} wants sent; its answer goes back through
 * {@link GroupMembership#onResponse} or {@link GroupMembership#onFailure}. Immutable.
 *
 * @param kind which exchange of the protocol it is
 * @param target the coordinator, or null for any broker (FindCoordinator)
 * @param request the request
 * @param timeoutMs how long to wait for the answer
 * @param generation the generation the member had when it was sent; answers to older ones are judged with care
 */
record GroupRequest(Kind kind, Endpoint target, RequestBuilder request, long timeoutMs, int generation) {
    /** The exchanges of the classic group protocol. */
    enum Kind { FIND_COORDINATOR, JOIN, SYNC, HEARTBEAT, LEAVE }

    GroupRequest {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(request, "request");
    }
}
