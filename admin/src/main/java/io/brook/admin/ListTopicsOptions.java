package io.brook.admin;

import java.time.Duration;

/**
 * Options of {@link Admin#listTopics(ListTopicsOptions)}.
 *
 * @param timeout how long the call may take, retries included; {@code null} means the client's
 *     {@code default.api.timeout.ms}
 * @param includeInternal also list the topics the cluster keeps for itself ({@code __consumer_offsets}, ...)
 */
public record ListTopicsOptions(Duration timeout, boolean includeInternal) {
    public ListTopicsOptions {
        AdminOptionChecks.checkTimeout(timeout);
    }

    /** The client's default timeout, internal topics left out. */
    public static ListTopicsOptions defaults() {
        return new ListTopicsOptions(null, false);
    }

    public ListTopicsOptions withTimeout(Duration timeout) {
        return new ListTopicsOptions(timeout, includeInternal);
    }

    public ListTopicsOptions withIncludeInternal(boolean includeInternal) {
        return new ListTopicsOptions(timeout, includeInternal);
    }
}
