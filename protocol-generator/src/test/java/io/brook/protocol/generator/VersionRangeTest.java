package io.brook.protocol.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class VersionRangeTest {
    private static final VersionRange API = VersionRange.parse("2-9");

    @Test
    void parsesEveryForm() {
        assertThat(VersionRange.parse("3+")).isEqualTo(new VersionRange((short) 3, VersionRange.UNBOUNDED));
        assertThat(VersionRange.parse("1-4")).isEqualTo(new VersionRange((short) 1, (short) 4));
        assertThat(VersionRange.parse("7")).isEqualTo(new VersionRange((short) 7, (short) 7));
        assertThat(VersionRange.parse("none").isEmpty()).isTrue();
        assertThat(VersionRange.parse("3+").toString()).isEqualTo("3+");
        assertThatThrownBy(() -> VersionRange.parse("x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> VersionRange.parse("-1")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void conditionsAreSimplifiedWithinTheApiRange() {
        assertThat(VersionRange.parse("0+").condition("v", API)).isEqualTo("true");
        assertThat(VersionRange.parse("4+").condition("v", API)).isEqualTo("v >= 4");
        assertThat(VersionRange.parse("0-5").condition("v", API)).isEqualTo("v <= 5");
        assertThat(VersionRange.parse("4-6").condition("v", API)).isEqualTo("v >= 4 && v <= 6");
        assertThat(VersionRange.parse("5").condition("v", API)).isEqualTo("v == 5");
        assertThat(VersionRange.parse("0-1").condition("v", API)).isEqualTo("false");
        assertThat(VersionRange.NONE.condition("v", API)).isEqualTo("false");
    }

    @Test
    void containmentAndIntersection() {
        assertThat(API.contains(VersionRange.parse("3-4"))).isTrue();
        assertThat(API.contains(VersionRange.parse("3+"))).isFalse();
        assertThat(API.contains(VersionRange.NONE)).isTrue();
        assertThat(API.intersect(VersionRange.parse("8+"))).isEqualTo(VersionRange.parse("8-9"));
        assertThat(API.intersect(VersionRange.parse("10+")).isEmpty()).isTrue();
    }

    @Test
    void upperSnakeNames() {
        assertThat(Names.upperSnake("ApiVersions")).isEqualTo("API_VERSIONS");
        assertThat(Names.upperSnake("DescribeAcls")).isEqualTo("DESCRIBE_ACLS");
        assertThat(Names.upperSnake("HTTPServer")).isEqualTo("HTTP_SERVER");
        assertThat(Names.upperSnake("Metadata")).isEqualTo("METADATA");
        assertThat(Names.upperSnake("OffsetForLeaderEpoch")).isEqualTo("OFFSET_FOR_LEADER_EPOCH");
    }
}
