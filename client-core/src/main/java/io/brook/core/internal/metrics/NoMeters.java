package io.brook.core.internal.metrics;

import java.util.function.DoubleSupplier;

/** {@link Meters#none()}: every meter does nothing. Stateless. */
final class NoMeters implements Meters {
    static final NoMeters INSTANCE = new NoMeters();
    private static final Counter COUNTER = amount -> { };
    private static final Summary SUMMARY = value -> { };
    private static final Timer TIMER = nanos -> { };

    private NoMeters() {}

    @Override
    public boolean enabled() {
        return false;
    }

    @Override
    public Counter counter(String name, String description, String baseUnit, String... tags) {
        return COUNTER;
    }

    @Override
    public Summary summary(String name, String description, String baseUnit, String... tags) {
        return SUMMARY;
    }

    @Override
    public Timer timer(String name, String description, String... tags) {
        return TIMER;
    }

    @Override
    public void gauge(String name, String description, String baseUnit, DoubleSupplier value, String... tags) {
    }

    @Override
    public void close() {
    }
}
