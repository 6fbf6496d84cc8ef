package io.brook.admin;

import java.time.Duration;

/**
 * Options of {@link Admin#describeTransactions(java.util.Collection, DescribeTransactionsOptions)}.
 *
 * @param timeout how long the call may take, retries included; {@code null} means the client's
 *     {@code default.api.timeout.ms}
 */
public record DescribeTransactionsOptions(Duration timeout) {
    public DescribeTransactionsOptions {
        AdminOptionChecks.checkTimeout(timeout);
    }

    /** The client's default timeout. */
    public static DescribeTransactionsOptions defaults() {
        return new DescribeTransactionsOptions(null);
    }

    public DescribeTransactionsOptions withTimeout(Duration timeout) {
        return new DescribeTransactionsOptions(timeout);
    }
}
