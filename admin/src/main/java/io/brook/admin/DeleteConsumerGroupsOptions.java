package io.brook.admin;

import java.time.Duration;

/**
 * Options of {@link Admin#deleteConsumerGroups(java.util.Collection, DeleteConsumerGroupsOptions)}.
 *
 * @param timeout how long the call may take, retries included; {@code null} means the client's
 *     {@code default.api.timeout.ms}
 */
public record DeleteConsumerGroupsOptions(Duration timeout) {
    public DeleteConsumerGroupsOptions {
        AdminOptionChecks.checkTimeout(timeout);
    }

    /** The client's default timeout. */
    public static DeleteConsumerGroupsOptions defaults() {
        return new DeleteConsumerGroupsOptions(null);
    }

    public DeleteConsumerGroupsOptions withTimeout(Duration timeout) {
        return new DeleteConsumerGroupsOptions(timeout);
    }
}
