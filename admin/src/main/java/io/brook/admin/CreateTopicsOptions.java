package io.brook.admin;

import java.time.Duration;

/**
 * Options of {@link Admin#createTopics(java.util.Collection, CreateTopicsOptions)}.
 *
 * @param timeout how long the whole call may take, retries and the wait for propagation included; {@code null}
 *     means the client's {@code default.api.timeout.ms}
 * @param validateOnly ask the broker to check the topics (names, partitions, replication factor, configs,
 *     policies) without creating them
 * @param awaitPropagation complete only once every live broker reports each new topic with a leader for every
 *     partition (the default), so that any client talking to any broker can use it at once; when {@code false} the
 *     call completes as soon as the controller accepted the topics
 */
public record CreateTopicsOptions(Duration timeout, boolean validateOnly, boolean awaitPropagation) {
    public CreateTopicsOptions {
        AdminOptionChecks.checkTimeout(timeout);
    }

    /** The client's default timeout, real creation, waiting for propagation. */
    public static CreateTopicsOptions defaults() {
        return new CreateTopicsOptions(null, false, true);
    }

    public CreateTopicsOptions withTimeout(Duration timeout) {
        return new CreateTopicsOptions(timeout, validateOnly, awaitPropagation);
    }

    public CreateTopicsOptions withValidateOnly(boolean validateOnly) {
        return new CreateTopicsOptions(timeout, validateOnly, awaitPropagation);
    }

    public CreateTopicsOptions withAwaitPropagation(boolean awaitPropagation) {
        return new CreateTopicsOptions(timeout, validateOnly, awaitPropagation);
    }
}
