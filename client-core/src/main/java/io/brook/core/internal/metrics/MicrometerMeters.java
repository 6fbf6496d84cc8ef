package io.brook.core.internal.metrics;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;

/**
 * {@link Meters} on a Micrometer {@link MeterRegistry}: the only class of Brook that uses Micrometer, loaded only
 * when a user passes a registry. Each meter is tagged {@code client.id}; {@link #close()} removes them all, so a
 * closed client leaves nothing behind in a long-lived registry.
 *
 * <p>Thread-safe: the list of registered meters is guarded by its own monitor (touched only when a meter is
 * created or on close, never while recording).
 */
final class MicrometerMeters implements Meters {
    private final MeterRegistry registry;
    private final Tags common;
    private final List<Meter> registered = new ArrayList<>();
    private boolean closed;

    private MicrometerMeters(MeterRegistry registry, String clientId) {
        this.registry = registry;
        this.common = Tags.of("client.id", Objects.requireNonNull(clientId, "clientId"));
    }

    static Meters of(Object registry, String clientId) {
        if (!(registry instanceof MeterRegistry r)) {
            throw new IllegalArgumentException("expected an io.micrometer.core.instrument.MeterRegistry, got "
                    + (registry == null ? "null" : registry.getClass().getName()));
        }
        return new MicrometerMeters(r, clientId);
    }

    @Override
    public boolean enabled() {
        return true;
    }

    @Override
    public Counter counter(String name, String description, String baseUnit, String... tags) {
        io.micrometer.core.instrument.Counter c = io.micrometer.core.instrument.Counter.builder(name)
                .description(description).baseUnit(baseUnit).tags(common.and(tags)).register(registry);
        remember(c);
        return c::increment;
    }

    @Override
    public Summary summary(String name, String description, String baseUnit, String... tags) {
        DistributionSummary s = DistributionSummary.builder(name).description(description).baseUnit(baseUnit)
                .tags(common.and(tags)).register(registry);
        remember(s);
        return s::record;
    }

    @Override
    public Timer timer(String name, String description, String... tags) {
        io.micrometer.core.instrument.Timer t = io.micrometer.core.instrument.Timer.builder(name)
                .description(description).tags(common.and(tags)).register(registry);
        remember(t);
        return nanos -> t.record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void gauge(String name, String description, String baseUnit, DoubleSupplier value, String... tags) {
        Gauge g = Gauge.builder(name, value, DoubleSupplier::getAsDouble).description(description).baseUnit(baseUnit)
                .tags(common.and(tags)).register(registry);
        remember(g);
    }

    private synchronized void remember(Meter meter) {
        if (closed) {
            registry.remove(meter);
        } else {
            registered.add(meter);
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (Meter m : registered) {
            registry.remove(m);
        }
        registered.clear();
    }
}
