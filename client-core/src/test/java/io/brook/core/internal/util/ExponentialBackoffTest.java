package io.brook.core.internal.util;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ExponentialBackoffTest {

    @Test
    void growsByTheMultiplierWithoutJitter() {
        ExponentialBackoff b = new ExponentialBackoff(50, 2.0, 1000, 0.0);
        assertThat(b.backoffMs(0)).isEqualTo(50);
        assertThat(b.backoffMs(1)).isEqualTo(100);
        assertThat(b.backoffMs(2)).isEqualTo(200);
        assertThat(b.backoffMs(3)).isEqualTo(400);
        assertThat(b.backoffMs(4)).isEqualTo(800);
    }

    @Test
    void saturatesAtTheMaximumEvenForHugeAttemptCounts() {
        ExponentialBackoff b = new ExponentialBackoff(50, 2.0, 1000, 0.0);
        assertThat(b.backoffMs(5)).isEqualTo(1000);
        assertThat(b.backoffMs(64)).isEqualTo(1000);
        assertThat(b.backoffMs(Integer.MAX_VALUE)).isEqualTo(1000);
    }

    @Test
    void reachesAMaximumThatIsNoPowerOfTheMultiplierExactly() {
        ExponentialBackoff b = new ExponentialBackoff(1_000, 2.0, 5_000, 0.0);
        assertThat(b.backoffMs(2)).isEqualTo(4_000);
        assertThat(b.backoffMs(3)).isEqualTo(5_000);
        assertThat(b.backoffMs(4)).isEqualTo(5_000);
    }

    @Test
    void jitterSpansBothDirectionsAroundTheTerm() {
        ExponentialBackoff low = new ExponentialBackoff(100, 2.0, 10_000, 0.2, () -> 0.0);
        ExponentialBackoff mid = new ExponentialBackoff(100, 2.0, 10_000, 0.2, () -> 0.5);
        ExponentialBackoff high = new ExponentialBackoff(100, 2.0, 10_000, 0.2, () -> 0.999_999);
        assertThat(low.backoffMs(1)).isEqualTo(160);
        assertThat(mid.backoffMs(1)).isEqualTo(200);
        assertThat(high.backoffMs(1)).isEqualTo(239);
    }

    @Test
    void jitterNeverExceedsTheMaximum() {
        ExponentialBackoff b = new ExponentialBackoff(100, 2.0, 1000, 0.5, () -> 0.999_999);
        assertThat(b.backoffMs(10)).isEqualTo(1000);
        ExponentialBackoff lowSide = new ExponentialBackoff(100, 2.0, 1000, 0.5, () -> 0.0);
        assertThat(lowSide.backoffMs(10)).isEqualTo(500);
    }

    @Test
    void constantWhenInitialEqualsMaximum() {
        ExponentialBackoff b = ExponentialBackoff.fixed(250);
        assertThat(b.backoffMs(0)).isEqualTo(250);
        assertThat(b.backoffMs(100)).isEqualTo(250);
    }

    @Test
    void zeroInitialStaysZero() {
        ExponentialBackoff b = new ExponentialBackoff(0, 2.0, 1000, 0.2, () -> 0.9);
        assertThat(b.backoffMs(30)).isZero();
    }

    @Test
    void rejectsInvalidParameters() {
        assertThatThrownBy(() -> new ExponentialBackoff(-1, 2.0, 10, 0.0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ExponentialBackoff(10, 0.5, 100, 0.0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ExponentialBackoff(10, Double.NaN, 100, 0.0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ExponentialBackoff(100, 2.0, 10, 0.0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ExponentialBackoff(10, 2.0, 100, 1.0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ExponentialBackoff(10, 2.0, 100, -0.1))
                .isInstanceOf(IllegalArgumentException.class);
        ExponentialBackoff b = new ExponentialBackoff(10, 2.0, 100, 0.0);
        assertThatThrownBy(() -> b.backoffMs(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
