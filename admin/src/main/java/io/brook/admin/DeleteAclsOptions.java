package io.brook.admin;

import java.time.Duration;

/**
 * Options of {@link Admin#deleteAcls(java.util.Collection, DeleteAclsOptions)}.
 *
 * @param timeout how long the call may take, retries included; {@code null} means the client's
 *     {@code default.api.timeout.ms}
 */
public record DeleteAclsOptions(Duration timeout) {
    public DeleteAclsOptions {
        AdminOptionChecks.checkTimeout(timeout);
    }

    /** The client's default timeout. */
    public static DeleteAclsOptions defaults() {
        return new DeleteAclsOptions(null);
    }

    public DeleteAclsOptions withTimeout(Duration timeout) {
        return new DeleteAclsOptions(timeout);
    }
}
