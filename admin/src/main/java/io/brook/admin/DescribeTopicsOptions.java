package io.brook.admin;

import java.time.Duration;

/**
 * Options of {@link Admin#describeTopics(java.util.Collection, DescribeTopicsOptions)}.
 *
 * @param timeout how long the call may take, retries included; {@code null} means the client's
 *     {@code default.api.timeout.ms}
 * @param includeConfigs also describe each topic's configuration ({@link TopicDescription#configs()}), with a
 *     DescribeConfigs request after the metadata
 */
public record DescribeTopicsOptions(Duration timeout, boolean includeConfigs) {
    public DescribeTopicsOptions {
        AdminOptionChecks.checkTimeout(timeout);
    }

    /** The client's default timeout, without configs. */
    public static DescribeTopicsOptions defaults() {
        return new DescribeTopicsOptions(null, false);
    }

    public DescribeTopicsOptions withTimeout(Duration timeout) {
        return new DescribeTopicsOptions(timeout, includeConfigs);
    }

    public DescribeTopicsOptions withIncludeConfigs(boolean includeConfigs) {
        return new DescribeTopicsOptions(timeout, includeConfigs);
    }
}
