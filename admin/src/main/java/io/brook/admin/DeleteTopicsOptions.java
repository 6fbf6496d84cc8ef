package io.brook.admin;

import java.time.Duration;

/**
 * Options of {@link Admin#deleteTopics(java.util.Collection, DeleteTopicsOptions)}.
 *
 * @param timeout how long the whole call may take, retries and the wait for propagation included; {@code null}
 *     means the client's {@code default.api.timeout.ms}
 * @param awaitPropagation complete only once no live broker reports the deleted topics any more (the default);
 *     when {@code false} the call completes as soon as the controller accepted the deletion
 */
public record DeleteTopicsOptions(Duration timeout, boolean awaitPropagation) {
    public DeleteTopicsOptions {
        AdminOptionChecks.checkTimeout(timeout);
    }

    /** The client's default timeout, waiting for propagation. */
    public static DeleteTopicsOptions defaults() {
        return new DeleteTopicsOptions(null, true);
    }

    public DeleteTopicsOptions withTimeout(Duration timeout) {
        return new DeleteTopicsOptions(timeout, awaitPropagation);
    }

    public DeleteTopicsOptions withAwaitPropagation(boolean awaitPropagation) {
        return new DeleteTopicsOptions(timeout, awaitPropagation);
    }
}
