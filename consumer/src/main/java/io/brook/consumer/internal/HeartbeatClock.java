package io.brook.consumer.internal;

/**
 * The heartbeat timers of a group member: whether a heartbeat is in flight, when the next is due, and when the
 * coordinator last confirmed the member was alive (for the client-side session check). Times are monotonic ms.
 *
 * <p>Owned by the consumer's background thread, through {@link GroupMembership}; not thread-safe.
 */
final class HeartbeatClock {
    private boolean inFlight;
    private long nextMs;
    private long lastAliveMs;
    private long sentMs;

    /** Whether a heartbeat should go out now. */
    boolean due(long nowMs) {
        return !inFlight && nowMs >= nextMs;
    }

    void sent(long nowMs) {
        inFlight = true;
        sentMs = nowMs;
    }

    /**
     * The heartbeat was answered (whatever the error); the next is due after {@code intervalMs}.
     *
     * @return how long the answer took
     */
    long answered(long nowMs, long intervalMs) {
        inFlight = false;
        nextMs = nowMs + intervalMs;
        return nowMs - sentMs;
    }

    /** The heartbeat got no answer; the next goes out after {@code backoffMs}. */
    void failed(long nowMs, long backoffMs) {
        inFlight = false;
        nextMs = nowMs + backoffMs;
    }

    /** The next heartbeat goes out after {@code delayMs}, not the interval. */
    void retryIn(long nowMs, long delayMs) {
        nextMs = nowMs + delayMs;
    }

    /** The coordinator confirmed the member (a heartbeat answered, or a generation synced). */
    void alive(long nowMs) {
        lastAliveMs = nowMs;
    }

    /** A new generation starts: the member counts as alive and the first heartbeat is due after {@code intervalMs}. */
    void generationStarted(long nowMs, long intervalMs) {
        lastAliveMs = nowMs;
        nextMs = nowMs + intervalMs;
    }

    /** Whether nothing confirmed the member for longer than {@code sessionTimeoutMs}. */
    boolean sessionExpired(long nowMs, long sessionTimeoutMs) {
        return nowMs - lastAliveMs > sessionTimeoutMs;
    }

    /** When the session check may fire. */
    long sessionDeadlineMs(long sessionTimeoutMs) {
        return lastAliveMs + sessionTimeoutMs + 1;
    }

    /** When the next heartbeat is due, or {@link Long#MAX_VALUE} while one is in flight. */
    long nextDueMs() {
        return inFlight ? Long.MAX_VALUE : nextMs;
    }
}
