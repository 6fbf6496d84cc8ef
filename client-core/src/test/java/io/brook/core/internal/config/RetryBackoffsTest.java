package io.brook.core.internal.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.brook.common.config.AdminConfigs;
import io.brook.core.internal.util.ExponentialBackoff;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RetryBackoffsTest {

    @Test
    void growsFromTheInitialToTheMaximumWithJitter() {
        ExponentialBackoff b = RetryBackoffs.from(AdminConfigs.DEFINITION.parse(Map.of("bootstrap.servers", "a:1",
                "retry.backoff.ms", 50, "retry.backoff.max.ms", 800)));
        assertThat(b.initialMs()).isEqualTo(50);
        assertThat(b.maxMs()).isEqualTo(800);
        assertThat(b.multiplier()).isEqualTo(RetryBackoffs.MULTIPLIER);
        assertThat(b.jitter()).isEqualTo(RetryBackoffs.JITTER);
    }

    @Test
    void theDefaultsAreKafkas() {
        ExponentialBackoff b = RetryBackoffs.from(AdminConfigs.DEFINITION.parse(Map.of("bootstrap.servers", "a:1")));
        assertThat(b.initialMs()).isEqualTo(100);
        assertThat(b.maxMs()).isEqualTo(1_000);
    }

    @Test
    void aMaximumAtOrBelowTheInitialWaitMakesItFixed() {
        assertThat(RetryBackoffs.of(300, 100).backoffMs(0)).isEqualTo(300);
        assertThat(RetryBackoffs.of(300, 100).backoffMs(7)).isEqualTo(300);
        assertThat(RetryBackoffs.of(300, 300).backoffMs(7)).isEqualTo(300);
    }
}
