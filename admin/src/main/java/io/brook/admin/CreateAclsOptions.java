package io.brook.admin;

import java.time.Duration;

/**
 * Options of {@link Admin#createAcls(java.util.Collection, CreateAclsOptions)}.
 *
 * @param timeout how long the call may take, retries included; {@code null} means the client's
 *     {@code default.api.timeout.ms}
 */
public record CreateAclsOptions(Duration timeout) {
    public CreateAclsOptions {
        AdminOptionChecks.checkTimeout(timeout);
    }

    /** The client's default timeout. */
    public static CreateAclsOptions defaults() {
        return new CreateAclsOptions(null);
    }

    public CreateAclsOptions withTimeout(Duration timeout) {
        return new CreateAclsOptions(timeout);
    }
}
