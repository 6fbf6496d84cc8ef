package io.brook.admin;

import java.time.Duration;

/**
 * Options of {@link Admin#describeProducers(java.util.Collection, DescribeProducersOptions)}.
 *
 * @param timeout how long the call may take, retries included; {@code null} means the client's
 *     {@code default.api.timeout.ms}
 */
public record DescribeProducersOptions(Duration timeout) {
    public DescribeProducersOptions {
        AdminOptionChecks.checkTimeout(timeout);
    }

    /** The client's default timeout. */
    public static DescribeProducersOptions defaults() {
        return new DescribeProducersOptions(null);
    }

    public DescribeProducersOptions withTimeout(Duration timeout) {
        return new DescribeProducersOptions(timeout);
    }
}
