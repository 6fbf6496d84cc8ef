package io.brook.admin;

import java.time.Duration;

/**
 * Options of {@link Admin#listOffsets(java.util.Map, ListOffsetsOptions)}.
 *
 * @param timeout how long the call may take, retries included; {@code null} means the client's
 *     {@code default.api.timeout.ms}
 * @param readCommitted look up offsets as a {@code read_committed} consumer sees them: latest is then the last
 *     stable offset (before the first open transaction) rather than the high watermark
 */
public record ListOffsetsOptions(Duration timeout, boolean readCommitted) {
    public ListOffsetsOptions {
        AdminOptionChecks.checkTimeout(timeout);
    }

    /** The client's default timeout, readCommitted false. */
    public static ListOffsetsOptions defaults() {
        return new ListOffsetsOptions(null, false);
    }

    public ListOffsetsOptions withTimeout(Duration timeout) {
        return new ListOffsetsOptions(timeout, readCommitted);
    }

    public ListOffsetsOptions withReadCommitted(boolean readCommitted) {
        return new ListOffsetsOptions(timeout, readCommitted);
    }
}
