package io.brook.core.internal.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WantedTopicsTest {

    @Test
    void allTopicsCoversEverything() {
        assertThat(WantedTopics.allTopics().covers("x")).isTrue();
        assertThat(WantedTopics.allTopics().covers(WantedTopics.of(List.of("a", "b")))).isTrue();
        assertThat(WantedTopics.allTopics().plus(List.of("a"))).isEqualTo(WantedTopics.allTopics());
        assertThat(WantedTopics.allTopics().minus(List.of("a"))).isEqualTo(WantedTopics.allTopics());
    }

    @Test
    void setsGrowShrinkAndCover() {
        WantedTopics ab = WantedTopics.of(List.of("b", "a"));
        assertThat(ab.names()).containsExactly("a", "b");
        assertThat(ab.covers("a")).isTrue();
        assertThat(ab.covers("c")).isFalse();
        assertThat(ab.covers(WantedTopics.allTopics())).isFalse();
        assertThat(ab.covers(WantedTopics.of(List.of("a")))).isTrue();
        assertThat(ab.plus(List.of("c")).names()).containsExactly("a", "b", "c");
        assertThat(ab.minus(List.of("a", "b"))).isEqualTo(WantedTopics.none());
        assertThat(WantedTopics.of(Set.of())).isEqualTo(WantedTopics.none());
    }

    @Test
    void rejectsBlankNamesAndNamesWithAll() {
        assertThatThrownBy(() -> WantedTopics.of(List.of(" "))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new WantedTopics(true, Set.of("a"))).isInstanceOf(IllegalArgumentException.class);
    }
}
