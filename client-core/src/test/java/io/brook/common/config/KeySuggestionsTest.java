package io.brook.common.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class KeySuggestionsTest {

    @Test
    void distanceCountsInsertionsDeletionsAndSubstitutions() {
        assertThat(KeySuggestions.distance("", "")).isZero();
        assertThat(KeySuggestions.distance("abc", "abc")).isZero();
        assertThat(KeySuggestions.distance("", "abc")).isEqualTo(3);
        assertThat(KeySuggestions.distance("kitten", "sitting")).isEqualTo(3);
        assertThat(KeySuggestions.distance("retry.backoff.ms", "retry.backof.ms")).isEqualTo(1);
    }

    @Test
    void closestPicksTheNearestCandidate() {
        List<String> keys = List.of("retry.backoff.ms", "retry.backoff.max.ms", "reconnect.backoff.ms");
        assertThat(KeySuggestions.closest("retry.backof.max.ms", keys)).isEqualTo("retry.backoff.max.ms");
        assertThat(KeySuggestions.closest("reconect.backoff.ms", keys)).isEqualTo("reconnect.backoff.ms");
        assertThat(KeySuggestions.closest("x", List.of())).isNull();
    }
}
