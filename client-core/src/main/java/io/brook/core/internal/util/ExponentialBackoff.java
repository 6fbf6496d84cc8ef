package io.brook.core.internal.util;

import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with symmetric jitter: the n-th wait is {@code initialMs * multiplier^(attempts)}, capped at
 * {@code maxMs}, then scaled by a random factor in {@code [1 - jitter, 1 + jitter)}, and capped at {@code maxMs}
 * again so that the configured maximum is never exceeded.
 *
 * <p>Immutable and thread-safe if its random source is (the default, {@link ThreadLocalRandom}, is). Used for
 * reconnect backoff, metadata refresh backoff and request retry backoff.
 */
public final class ExponentialBackoff {
    private final long initialMs;
    private final double multiplier;
    private final long maxMs;
    private final double jitter;
    private final DoubleSupplier random;
    /** The attempt count at which the exponential term reaches {@code maxMs}; beyond it the term is constant. */
    private final double expMax;

    /**
     * @param initialMs the wait after the first failure ({@code attempts == 0}); {@code >= 0}
     * @param multiplier the growth factor per attempt; {@code >= 1}
     * @param maxMs the largest wait ever returned; {@code >= initialMs}
     * @param jitter the fraction by which a wait may randomly deviate either way; {@code 0 <= jitter < 1}
     */
    public ExponentialBackoff(long initialMs, double multiplier, long maxMs, double jitter) {
        this(initialMs, multiplier, maxMs, jitter, () -> ThreadLocalRandom.current().nextDouble());
    }

    /**
     * As {@link #ExponentialBackoff(long, double, long, double)} with an injected random source, for tests.
     *
     * @param random supplies uniform values in {@code [0, 1)}
     */
    public ExponentialBackoff(long initialMs, double multiplier, long maxMs, double jitter, DoubleSupplier random) {
        if (initialMs < 0) {
            throw new IllegalArgumentException("initialMs must be >= 0: " + initialMs);
        }
        if (!(multiplier >= 1.0) || Double.isInfinite(multiplier)) {
            throw new IllegalArgumentException("multiplier must be a finite number >= 1: " + multiplier);
        }
        if (maxMs < initialMs) {
            throw new IllegalArgumentException("maxMs (" + maxMs + ") must be >= initialMs (" + initialMs + ")");
        }
        if (!(jitter >= 0.0 && jitter < 1.0)) {
            throw new IllegalArgumentException("jitter must be in [0, 1): " + jitter);
        }
        if (random == null) {
            throw new IllegalArgumentException("random must not be null");
        }
        this.initialMs = initialMs;
        this.multiplier = multiplier;
        this.maxMs = maxMs;
        this.jitter = jitter;
        this.random = random;
        this.expMax = (initialMs == 0 || multiplier == 1.0 || maxMs == initialMs)
                ? 0.0
                : Math.log((double) maxMs / initialMs) / Math.log(multiplier);
    }

    /** A backoff without growth or jitter: always {@code fixedMs}. */
    public static ExponentialBackoff fixed(long fixedMs) {
        return new ExponentialBackoff(fixedMs, 1.0, fixedMs, 0.0);
    }

    /**
     * The wait before the next try after {@code attempts} consecutive failures have already been backed off
     * from ({@code 0} for the first failure).
     *
     * @param attempts {@code >= 0}; large values are fine (the result saturates at {@code maxMs})
     * @return a wait in {@code [0, maxMs]}
     */
    public long backoffMs(int attempts) {
        if (attempts < 0) {
            throw new IllegalArgumentException("attempts must be >= 0: " + attempts);
        }
        // Past the exponent that reaches maxMs the term is maxMs itself: clamping first keeps multiplier^attempts
        // from overflowing, and taking maxMs exactly keeps rounding (1000 * 2^log2(5)) from landing just below it.
        double term = expMax > 0.0 && attempts >= expMax
                ? maxMs
                : initialMs * Math.pow(multiplier, Math.min(attempts, expMax));
        if (jitter > 0.0) {
            double r = random.getAsDouble();
            term *= 1.0 - jitter + 2.0 * jitter * r;
        }
        return Math.max(0L, Math.min(maxMs, (long) term));
    }

    public long initialMs() {
        return initialMs;
    }

    public double multiplier() {
        return multiplier;
    }

    public long maxMs() {
        return maxMs;
    }

    public double jitter() {
        return jitter;
    }

    @Override
    public String toString() {
        return "ExponentialBackoff(initialMs=" + initialMs + ", multiplier=" + multiplier + ", maxMs=" + maxMs
                + ", jitter=" + jitter + ")";
    }
}
