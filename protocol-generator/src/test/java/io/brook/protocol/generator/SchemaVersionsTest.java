package io.brook.protocol.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SchemaVersionsTest {
    private static final SchemaVersions API = SchemaVersions.parse("2-9");

    @Test
    void parsesEveryForm() {
        assertThat(SchemaVersions.parse("3+")).isEqualTo(new SchemaVersions((short) 3, SchemaVersions.UNBOUNDED));
        assertThat(SchemaVersions.parse("1-4")).isEqualTo(new SchemaVersions((short) 1, (short) 4));
        assertThat(SchemaVersions.parse("7")).isEqualTo(new SchemaVersions((short) 7, (short) 7));
        assertThat(SchemaVersions.parse("none").isEmpty()).isTrue();
        assertThat(SchemaVersions.parse("3+").toString()).isEqualTo("3+");
        assertThatThrownBy(() -> SchemaVersions.parse("x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SchemaVersions.parse("-1")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void conditionsAreSimplifiedWithinTheApiRange() {
        assertThat(SchemaVersions.parse("0+").condition("v", API)).isEqualTo("true");
        assertThat(SchemaVersions.parse("4+").condition("v", API)).isEqualTo("v >= 4");
        assertThat(SchemaVersions.parse("0-5").condition("v", API)).isEqualTo("v <= 5");
        assertThat(SchemaVersions.parse("4-6").condition("v", API)).isEqualTo("v >= 4 && v <= 6");
        assertThat(SchemaVersions.parse("5").condition("v", API)).isEqualTo("v == 5");
        assertThat(SchemaVersions.parse("0-1").condition("v", API)).isEqualTo("false");
        assertThat(SchemaVersions.NONE.condition("v", API)).isEqualTo("false");
    }

    @Test
    void containmentAndIntersection() {
        assertThat(API.contains(SchemaVersions.parse("3-4"))).isTrue();
        assertThat(API.contains(SchemaVersions.parse("3+"))).isFalse();
        assertThat(API.contains(SchemaVersions.NONE)).isTrue();
        assertThat(API.intersect(SchemaVersions.parse("8+"))).isEqualTo(SchemaVersions.parse("8-9"));
        assertThat(API.intersect(SchemaVersions.parse("10+")).isEmpty()).isTrue();
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
