package io.brook.core;

/**
 * The only source of time in Brook's logic. Production code uses {@link #SYSTEM}; tests inject
 * {@link ManualTime} so that retries, linger and timeouts run in microseconds.
 *
 * <p>Implementations are thread-safe.
 */
public interface Time {
    /** Wall-clock milliseconds since the epoch. */
    long milliseconds();

    /** A monotonic clock in nanoseconds, for measuring intervals only. */
    long nanoseconds();

    /** Monotonic milliseconds, derived from {@link #nanoseconds()}: use for deadlines and backoff. */
    default long monotonicMs() {
        return nanoseconds() / 1_000_000L;
    }

    Time SYSTEM = new Time() {
        @Override
        public long milliseconds() {
            return System.currentTimeMillis();
        }

        @Override
        public long nanoseconds() {
            return System.nanoTime();
        }
    };
}
