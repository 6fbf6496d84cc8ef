package io.brook.core.internal.network;

import static org.assertj.core.api.Assertions.assertThat;

import io.brook.core.internal.util.ExponentialBackoff;
import org.junit.jupiter.api.Test;

class ConnectionPoolTest {

    @Test
    void setupTimeoutsGrowAsKafkasDo() {
        ExponentialBackoff timeouts = ConnectionPool.setupTimeouts(NetworkConfig.defaults("pool"));
        assertThat(timeouts.initialMs()).isEqualTo(10_000);
        assertThat(timeouts.maxMs()).isEqualTo(30_000);
        assertThat(timeouts.multiplier()).isEqualTo(2.0);
        assertThat(timeouts.jitter()).isEqualTo(0.2);
        for (int failures = 0; failures < 10; failures++) {
            long expected = Math.min(30_000L, 10_000L << Math.min(failures, 20));
            assertThat(timeouts.backoffMs(failures)).as("after %d failures", failures)
                    .isBetween((long) (expected * 0.8), Math.min(30_000L, (long) (expected * 1.2)));
        }
    }

    @Test
    void aMaximumEqualToTheInitialTimeoutMakesItExactlyThat() {
        ExponentialBackoff timeouts = ConnectionPool.setupTimeouts(NetworkConfig.builder("pool")
                .fixedSocketConnectionSetupTimeoutMs(7_000).build());
        for (int failures = 0; failures < 5; failures++) {
            assertThat(timeouts.backoffMs(failures)).isEqualTo(7_000);
        }
    }
}
