package io.brook.admin;

import java.time.Duration;

/**
 * Options of {@link Admin#describeAcls(AclBindingFilter, DescribeAclsOptions)}.
 *
 * @param timeout how long the call may take, retries included; {@code null} means the client's
 *     {@code default.api.timeout.ms}
 */
public record DescribeAclsOptions(Duration timeout) {
    public DescribeAclsOptions {
        AdminOptionChecks.checkTimeout(timeout);
    }

    /** The client's default timeout. */
    public static DescribeAclsOptions defaults() {
        return new DescribeAclsOptions(null);
    }

    public DescribeAclsOptions withTimeout(Duration timeout) {
        return new DescribeAclsOptions(timeout);
    }
}
