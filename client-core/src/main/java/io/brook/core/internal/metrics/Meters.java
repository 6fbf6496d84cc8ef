package io.brook.core.internal.metrics;

import java.util.function.DoubleSupplier;

/**
 * Where a client records its metrics, without naming any metrics library: the producer and consumer describe
 * their meters through this interface, and only {@link MicrometerMeters} (loaded when the user gives a Micrometer
 * {@code MeterRegistry}) touches Micrometer's classes. Micrometer therefore stays an optional dependency: a client
 * without a registry uses {@link #none()}, whose meters do nothing and never load a Micrometer class.
 *
 * <p>Every meter carries the tag {@code client.id}; callers add others (such as {@code topic}) as alternating
 * key/value strings. Implementations are thread-safe; so are the meters they return.
 */
public interface Meters extends AutoCloseable {
    /** A counter: a count that only grows (records sent, retries); rates come from the registry. */
    interface Counter {
        void increment(double amount);
    }

    /** A distribution of values (batch sizes, compression ratios). */
    interface Summary {
        void record(double value);
    }

    /** A distribution of durations (request latency). */
    interface Timer {
        void recordNanos(long nanos);
    }

    /** Meters that do nothing. */
    static Meters none() {
        return NoMeters.INSTANCE;
    }

    /**
     * Meters registered in a Micrometer registry.
     *
     * @param registry an {@code io.micrometer.core.instrument.MeterRegistry} (typed as Object so that callers
     *     compile and load without Micrometer)
     * @param clientId the value of every meter's {@code client.id} tag
     * @throws IllegalArgumentException if {@code registry} is not a {@code MeterRegistry}
     */
    static Meters micrometer(Object registry, String clientId) {
        return MicrometerMeters.of(registry, clientId);
    }

    /** Whether meters record anything; when false callers may skip computing values. */
    boolean enabled();

    Counter counter(String name, String description, String baseUnit, String... tags);

    Summary summary(String name, String description, String baseUnit, String... tags);

    Timer timer(String name, String description, String... tags);

    /** A gauge sampled by the registry whenever it publishes: {@code value} must be cheap and thread-safe. */
    void gauge(String name, String description, String baseUnit, DoubleSupplier value, String... tags);

    /** Removes every meter registered through this instance from the registry. Idempotent. */
    @Override
    void close();
}
