package io.brook.admin;

import java.time.Duration;
import java.util.Set;

/**
 * Options of {@link Admin#deleteConsumerGroupOffsets(String, java.util.Set, DeleteConsumerGroupOffsetsOptions)}.
 *
 * @param timeout how long the call may take, retries included; {@code null} means the client's
 *     {@code default.api.timeout.ms}
 */
public record DeleteConsumerGroupOffsetsOptions(Duration timeout) {
    public DeleteConsumerGroupOffsetsOptions {
        AdminOptionChecks.checkTimeout(timeout);
    }

    /** The client's default timeout. */
    public static DeleteConsumerGroupOffsetsOptions defaults() {
        return new DeleteConsumerGroupOffsetsOptions(null);
    }

    public DeleteConsumerGroupOffsetsOptions withTimeout(Duration timeout) {
        return new DeleteConsumerGroupOffsetsOptions(timeout);
    }
}
