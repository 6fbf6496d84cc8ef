package io.brook.admin;

import java.time.Duration;

/**
 * Options of {@link Admin#consumerGroupLag(String, ConsumerGroupLagOptions)}.
 *
 * @param timeout how long the call may take, retries included; {@code null} means the client's
 *     {@code default.api.timeout.ms}
 * @param readCommitted measure lag against the last stable offset (what a {@code read_committed} consumer can reach)
 *     instead of the high watermark
 */
public record ConsumerGroupLagOptions(Duration timeout, boolean readCommitted) {
    public ConsumerGroupLagOptions {
        AdminOptionChecks.checkTimeout(timeout);
    }

    /** The client's default timeout, readCommitted false. */
    public static ConsumerGroupLagOptions defaults() {
        return new ConsumerGroupLagOptions(null, false);
    }

    public ConsumerGroupLagOptions withTimeout(Duration timeout) {
        return new ConsumerGroupLagOptions(timeout, readCommitted);
    }

    public ConsumerGroupLagOptions withReadCommitted(boolean readCommitted) {
        return new ConsumerGroupLagOptions(timeout, readCommitted);
    }
}
