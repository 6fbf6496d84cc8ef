package io.brook.core.internal.util;

import io.brook.core.Time;
import java.time.Duration;
import java.util.Objects;

/**
 * A point in time by which something must be done, read from the injected {@link Time}: {@code close(timeout)}
 * methods share one so that their steps together, not each, stay within the timeout. Immutable.
 */
public final class Deadline {
    private final Time time;
    private final long deadlineNs;

    private Deadline(Time time, long deadlineNs) {
        this.time = time;
        this.deadlineNs = deadlineNs;
    }

    /** The deadline {@code timeout} from now (a negative timeout counts as zero). */
    public static Deadline after(Time time, Duration timeout) {
        Objects.requireNonNull(time, "time");
        long nanos = timeout.isNegative() ? 0L : saturatedNanos(timeout);
        long now = time.nanoseconds();
        long at = now + nanos;
        return new Deadline(time, at < now ? Long.MAX_VALUE : at);
    }

    private static long saturatedNanos(Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }

    /** Milliseconds left, never negative. */
    public long remainingMs() {
        return Math.max(0L, (deadlineNs - time.nanoseconds()) / 1_000_000L);
    }

    /** What is left, never negative. */
    public Duration remaining() {
        return Duration.ofMillis(remainingMs());
    }

    public boolean passed() {
        return deadlineNs - time.nanoseconds() <= 0;
    }
}
