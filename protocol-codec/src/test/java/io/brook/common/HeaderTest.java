package io.brook.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HeaderTest {

    @Test
    void equalsAndHashCodeCompareTheValueByContent() {
        Header a = new Header("k", new byte[] {1, 2, 3});
        Header b = new Header("k", new byte[] {1, 2, 3});
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a).isNotEqualTo(new Header("k", new byte[] {1, 2, 4}));
        assertThat(a).isNotEqualTo(new Header("j", new byte[] {1, 2, 3}));
    }

    @Test
    void valueMayBeNullAndNullDiffersFromEmpty() {
        Header nullValue = new Header("k", null);
        assertThat(nullValue.value()).isNull();
        assertThat(nullValue).isEqualTo(new Header("k", null)).hasSameHashCodeAs(new Header("k", null));
        assertThat(nullValue).isNotEqualTo(new Header("k", new byte[0]));
        assertThat(nullValue.toString()).contains("null");
    }

    @Test
    void keyMustNotBeNull() {
        assertThatThrownBy(() -> new Header(null, new byte[0])).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("key");
    }

    @Test
    void ofEncodesTextAsUtf8() {
        assertThat(Header.of("k", "é").value()).containsExactly(0xC3 - 256, 0xA9 - 256);
        assertThat(Header.of("k", null).value()).isNull();
    }
}
