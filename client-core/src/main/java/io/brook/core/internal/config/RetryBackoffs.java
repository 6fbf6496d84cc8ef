package io.brook.core.internal.config;

import io.brook.common.config.ClientConfig;
import io.brook.common.config.CommonConfigs;
import io.brook.core.internal.util.ExponentialBackoff;

/**
 * The one rule that turns {@code retry.backoff.ms} and {@code retry.backoff.max.ms} into the wait between retries,
 * for every client and every kind of retry (metadata refreshes, admin calls, and the producer's and consumer's
 * requests). As in Kafka, the wait doubles per attempt and deviates randomly by up to 20% either way; a
 * {@code retry.backoff.max.ms} at or below {@code retry.backoff.ms} makes it a fixed {@code retry.backoff.ms}.
 * Stateless.
 */
public final class RetryBackoffs {
    /** The wait grows by this factor per attempt ... */
    public static final double MULTIPLIER = 2.0;
    /** ... and deviates randomly by up to this fraction either way. */
    public static final double JITTER = 0.2;

    private RetryBackoffs() {}

    /** The retry backoff of a configuration including the {@link CommonConfigs} keys. */
    public static ExponentialBackoff from(ClientConfig config) {
        return of(config.get(CommonConfigs.RETRY_BACKOFF_MS), config.get(CommonConfigs.RETRY_BACKOFF_MAX_MS));
    }

    /** The retry backoff for {@code retry.backoff.ms = initialMs} and {@code retry.backoff.max.ms = maxMs}. */
    public static ExponentialBackoff of(long initialMs, long maxMs) {
        return maxMs <= initialMs ? ExponentialBackoff.fixed(initialMs)
                : new ExponentialBackoff(initialMs, MULTIPLIER, maxMs, JITTER);
    }
}
