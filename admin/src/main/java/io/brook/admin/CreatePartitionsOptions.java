package io.brook.admin;

import java.time.Duration;

/**
 * Options of {@link Admin#createPartitions(java.util.Map, CreatePartitionsOptions)}.
 *
 * @param timeout how long the call may take, retries included; {@code null} means the client's
 *     {@code default.api.timeout.ms}
 * @param validateOnly ask the controller to check the new counts without adding partitions
 */
public record CreatePartitionsOptions(Duration timeout, boolean validateOnly) {
    public CreatePartitionsOptions {
        AdminOptionChecks.checkTimeout(timeout);
    }

    /** The client's default timeout, validateOnly false. */
    public static CreatePartitionsOptions defaults() {
        return new CreatePartitionsOptions(null, false);
    }

    public CreatePartitionsOptions withTimeout(Duration timeout) {
        return new CreatePartitionsOptions(timeout, validateOnly);
    }

    public CreatePartitionsOptions withValidateOnly(boolean validateOnly) {
        return new CreatePartitionsOptions(timeout, validateOnly);
    }
}
