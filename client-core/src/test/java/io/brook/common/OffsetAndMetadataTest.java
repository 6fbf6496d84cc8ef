package io.brook.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class OffsetAndMetadataTest {

    @Test
    void offsetOnlyConstructorHasEmptyMetadata() {
        OffsetAndMetadata om = new OffsetAndMetadata(42);
        assertThat(om.offset()).isEqualTo(42);
        assertThat(om.metadata()).isEmpty();
        assertThat(om).isEqualTo(new OffsetAndMetadata(42, ""));
    }

    @Test
    void nullMetadataBecomesEmpty() {
        assertThat(new OffsetAndMetadata(1, null).metadata()).isEmpty();
    }

    @Test
    void rejectsNegativeOffsets() {
        assertThatThrownBy(() -> new OffsetAndMetadata(-1, "x")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-1");
    }
}
