package io.brook.admin;

import java.time.Duration;

/**
 * Options of {@link Admin#describeTopics(java.util.Collection, DescribeTopicsOptions)}.
 *
 * @param timeout how long the call may take, retries included; {@code null} means the client's
 *     {@code default.api.timeout.ms}
 */
public record DescribeTopicsOptions(Duration timeout) {
    public DescribeTopicsOptions {
        AdminOptionChecks.checkTimeout(timeout);
    }

    /** The client's default timeout. */
    public static DescribeTopicsOptions defaults() {
        return new DescribeTopicsOptions(null);
    }

    public DescribeTopicsOptions withTimeout(Duration timeout) {
        return new DescribeTopicsOptions(timeout);
    }
}
