package io.brook.admin;

import java.time.Duration;

/**
 * Options of {@link Admin#describeCluster(DescribeClusterOptions)}.
 *
 * @param timeout how long the call may take, retries included; {@code null} means the client's
 *     {@code default.api.timeout.ms}
 */
public record DescribeClusterOptions(Duration timeout) {
    public DescribeClusterOptions {
        AdminOptionChecks.checkTimeout(timeout);
    }

    /** The client's default timeout. */
    public static DescribeClusterOptions defaults() {
        return new DescribeClusterOptions(null);
    }

    public DescribeClusterOptions withTimeout(Duration timeout) {
        return new DescribeClusterOptions(timeout);
    }
}
