package io.brook.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApiVersionPinTest {

    @Test
    void parsesMaxOnlyAndRanges() {
        assertThat(ApiVersionPin.parse("Metadata=12")).isEqualTo(new ApiVersionPin("Metadata", (short) 0,
                (short) 12));
        assertThat(ApiVersionPin.parse(" produce = 9 - 11 ")).isEqualTo(new ApiVersionPin("produce", (short) 9,
                (short) 11));
        assertThat(ApiVersionPin.parse("Produce=9-11")).hasToString("Produce=9-11");
        assertThat(ApiVersionPin.parse("Metadata=12")).hasToString("Metadata=12");
    }

    @Test
    void matchesApiNamesCaseInsensitively() {
        assertThat(ApiVersionPin.parse("apiversions=3").appliesTo("ApiVersions")).isTrue();
        assertThat(ApiVersionPin.parse("apiversions=3").appliesTo("Metadata")).isFalse();
    }

    @Test
    void rejectsMalformedPinsAndDuplicates() {
        for (String bad : new String[] {"Metadata", "=3", "Metadata=x", "Metadata=5-3", "Meta data=3", "9=1"}) {
            assertThatThrownBy(() -> ApiVersionPin.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> ApiVersionPin.parseAll(List.of("Metadata=3", "METADATA=4")))
                .hasMessageContaining("pinned twice");
    }

    @Test
    void theConfigKeyValidatesItsEntries() {
        assertThat(AdminOptions.fromMap(Map.of("bootstrap.servers", "a:1", "brook.api.version.pins",
                "Metadata=12,Produce=9-11")).apiVersionPins())
                .extracting(ApiVersionPin::api).containsExactly("Metadata", "Produce");
        assertThatThrownBy(() -> AdminOptions.fromMap(Map.of("bootstrap.servers", "a:1",
                "brook.api.version.pins", "Metadata:12")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("brook.api.version.pins")
                .hasMessageContaining("Metadata:12");
    }
}
