package io.brook.core.internal.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class MetersTest {

    @Test
    void micrometerMetersAreTaggedWithTheClientIdAndRemovedOnClose() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Meters meters = Meters.micrometer(registry, "p-1");
        AtomicLong level = new AtomicLong(7);
        meters.counter("brook.x.count", "things", "things", "topic", "a").increment(3);
        meters.summary("brook.x.size", "sizes", "bytes", "topic", "a").record(100);
        meters.timer("brook.x.latency", "latency").recordNanos(2_000_000);
        meters.gauge("brook.x.level", "level", "bytes", level::get);
        assertThat(registry.get("brook.x.count").tag("client.id", "p-1").tag("topic", "a").counter().count())
                .isEqualTo(3.0);
        assertThat(registry.get("brook.x.size").summary().totalAmount()).isEqualTo(100.0);
        assertThat(registry.get("brook.x.latency").timer().count()).isEqualTo(1);
        assertThat(registry.get("brook.x.level").gauge().value()).isEqualTo(7.0);
        assertThat(meters.enabled()).isTrue();
        meters.close();
        assertThat(registry.getMeters()).isEmpty();
    }

    @Test
    void noMetersDoNothing() {
        Meters none = Meters.none();
        assertThat(none.enabled()).isFalse();
        none.counter("a", "b", "c").increment(1);
        none.summary("a", "b", "c").record(1);
        none.timer("a", "b").recordNanos(1);
        none.gauge("a", "b", "c", () -> 1);
        none.close();
    }

    @Test
    void somethingElseThanARegistryIsRefused() {
        assertThatThrownBy(() -> Meters.micrometer("not a registry", "c"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("MeterRegistry");
    }
}
