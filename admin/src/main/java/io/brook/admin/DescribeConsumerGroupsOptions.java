package io.brook.admin;

import java.time.Duration;

/**
 * Options of {@link Admin#describeConsumerGroups(java.util.Collection, DescribeConsumerGroupsOptions)}.
 *
 * @param timeout how long the call may take, retries included; {@code null} means the client's
 *     {@code default.api.timeout.ms}
 */
public record DescribeConsumerGroupsOptions(Duration timeout) {
    public DescribeConsumerGroupsOptions {
        AdminOptionChecks.checkTimeout(timeout);
    }

    /** The client's default timeout. */
    public static DescribeConsumerGroupsOptions defaults() {
        return new DescribeConsumerGroupsOptions(null);
    }

    public DescribeConsumerGroupsOptions withTimeout(Duration timeout) {
        return new DescribeConsumerGroupsOptions(timeout);
    }
}
