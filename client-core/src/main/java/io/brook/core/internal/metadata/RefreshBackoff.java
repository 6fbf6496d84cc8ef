package io.brook.core.internal.metadata;

import io.brook.core.internal.util.ExponentialBackoff;

/**
 * When the next metadata refresh attempt may start. After a complete answer the next attempt waits the initial
 * backoff ({@code retry.backoff.ms}), so on-demand refreshes cannot hammer the cluster; after failed attempts or
 * incomplete answers the wait grows exponentially with their count, up to {@code retry.backoff.max.ms}.
 *
 * <p>Not thread-safe: owned by {@link RefreshSchedule}, guarded by {@link MetadataManager}'s lock.
 */
final class RefreshBackoff {
    private final ExponentialBackoff backoff;
    private long nextAllowedMs = Long.MIN_VALUE;
    private int failedAttempts;
    private int incompleteAnswers;

    RefreshBackoff(ExponentialBackoff backoff) {
        this.backoff = backoff;
    }

    /** No attempt starts before this (monotonic ms). */
    long nextAllowedMs() {
        return nextAllowedMs;
    }

    /** Consecutive failed attempts since the last answer. */
    int failedAttempts() {
        return failedAttempts;
    }

    /** An answer arrived at {@code nowMs}; {@code incomplete} if it left something to ask again. */
    void answered(long nowMs, boolean incomplete) {
        failedAttempts = 0;
        incompleteAnswers = incomplete ? incompleteAnswers + 1 : 0;
        nextAllowedMs = nowMs + (incomplete ? backoff.backoffMs(incompleteAnswers - 1) : backoff.initialMs());
    }

    /** An attempt failed at {@code nowMs}. */
    void failed(long nowMs) {
        failedAttempts++;
        nextAllowedMs = nowMs + backoff.backoffMs(failedAttempts - 1);
    }
}
