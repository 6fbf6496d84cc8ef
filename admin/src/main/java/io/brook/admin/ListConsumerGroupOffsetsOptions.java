package io.brook.admin;

import java.time.Duration;

/**
 * Options of {@link Admin#listConsumerGroupOffsets(String, ListConsumerGroupOffsetsOptions)}.
 *
 * @param timeout how long the call may take, retries included; {@code null} means the client's
 *     {@code default.api.timeout.ms}
 * @param requireStable wait until pending transactional offset commits of the group are resolved instead of
 *     reporting the last stable commits
 */
public record ListConsumerGroupOffsetsOptions(Duration timeout, boolean requireStable) {
    public ListConsumerGroupOffsetsOptions {
        AdminOptionChecks.checkTimeout(timeout);
    }

    /** The client's default timeout, requireStable false. */
    public static ListConsumerGroupOffsetsOptions defaults() {
        return new ListConsumerGroupOffsetsOptions(null, false);
    }

    public ListConsumerGroupOffsetsOptions withTimeout(Duration timeout) {
        return new ListConsumerGroupOffsetsOptions(timeout, requireStable);
    }

    public ListConsumerGroupOffsetsOptions withRequireStable(boolean requireStable) {
        return new ListConsumerGroupOffsetsOptions(timeout, requireStable);
    }
}
