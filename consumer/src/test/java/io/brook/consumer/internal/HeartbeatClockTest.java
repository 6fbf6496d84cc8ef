package io.brook.consumer.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HeartbeatClockTest {

    @Test
    void aHeartbeatIsDueAtTheIntervalAndNeverWhileOneIsInFlight() {
        HeartbeatClock clock = new HeartbeatClock();
        clock.generationStarted(1_000, 3_000);
        assertThat(clock.due(3_999)).isFalse();
        assertThat(clock.due(4_000)).isTrue();
        clock.sent(4_000);
        assertThat(clock.due(9_000)).as("in flight").isFalse();
        assertThat(clock.nextDueMs()).isEqualTo(Long.MAX_VALUE);
        assertThat(clock.answered(4_250, 3_000)).as("latency").isEqualTo(250);
        assertThat(clock.nextDueMs()).isEqualTo(7_250);
    }

    @Test
    void aFailedHeartbeatIsRetriedAfterTheBackoffNotTheInterval() {
        HeartbeatClock clock = new HeartbeatClock();
        clock.generationStarted(0, 3_000);
        clock.sent(3_000);
        clock.failed(3_500, 100);
        assertThat(clock.due(3_599)).isFalse();
        assertThat(clock.due(3_600)).isTrue();
        clock.retryIn(3_600, 50);
        assertThat(clock.nextDueMs()).isEqualTo(3_650);
    }

    @Test
    void theSessionExpiresWhenNothingConfirmedTheMemberForTheTimeout() {
        HeartbeatClock clock = new HeartbeatClock();
        clock.generationStarted(0, 3_000);
        assertThat(clock.sessionExpired(10_000, 10_000)).isFalse();
        assertThat(clock.sessionExpired(10_001, 10_000)).isTrue();
        assertThat(clock.sessionDeadlineMs(10_000)).isEqualTo(10_001);
        clock.alive(9_000);
        assertThat(clock.sessionExpired(10_001, 10_000)).isFalse();
    }
}
