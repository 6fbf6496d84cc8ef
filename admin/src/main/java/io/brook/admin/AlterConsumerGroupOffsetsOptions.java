package io.brook.admin;

import java.time.Duration;

/**
 * Options of {@link Admin#alterConsumerGroupOffsets(String, java.util.Map, AlterConsumerGroupOffsetsOptions)}.
 *
 * @param timeout how long the call may take, retries included; {@code null} means the client's
 *     {@code default.api.timeout.ms}
 */
public record AlterConsumerGroupOffsetsOptions(Duration timeout) {
    public AlterConsumerGroupOffsetsOptions {
        AdminOptionChecks.checkTimeout(timeout);
    }

    /** The client's default timeout. */
    public static AlterConsumerGroupOffsetsOptions defaults() {
        return new AlterConsumerGroupOffsetsOptions(null);
    }

    public AlterConsumerGroupOffsetsOptions withTimeout(Duration timeout) {
        return new AlterConsumerGroupOffsetsOptions(timeout);
    }
}
