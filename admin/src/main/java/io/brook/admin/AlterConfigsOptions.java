package io.brook.admin;

import java.time.Duration;

/**
 * Options of {@link Admin#incrementalAlterConfigs(java.util.Map, AlterConfigsOptions)}.
 *
 * @param timeout how long the call may take, retries included; {@code null} means the client's
 *     {@code default.api.timeout.ms}
 * @param validateOnly ask the broker to check the changes without applying them
 */
public record AlterConfigsOptions(Duration timeout, boolean validateOnly) {
    public AlterConfigsOptions {
        AdminOptionChecks.checkTimeout(timeout);
    }

    /** The client's default timeout, validateOnly false. */
    public static AlterConfigsOptions defaults() {
        return new AlterConfigsOptions(null, false);
    }

    public AlterConfigsOptions withTimeout(Duration timeout) {
        return new AlterConfigsOptions(timeout, validateOnly);
    }

    public AlterConfigsOptions withValidateOnly(boolean validateOnly) {
        return new AlterConfigsOptions(timeout, validateOnly);
    }
}
