package io.brook.protocol.compress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CompressionTypeTest {

    @ParameterizedTest
    @EnumSource(CompressionType.class)
    void idsNamesAndLevelsMatchKafka(CompressionType type) {
        org.apache.kafka.common.record.CompressionType kafka =
                org.apache.kafka.common.record.CompressionType.forId(type.id());
        assertThat(type.configName()).isEqualTo(kafka.name);
        assertThat(CompressionType.forName(kafka.name)).isEqualTo(type);
        assertThat(CompressionType.forId(kafka.id)).isEqualTo(type);
        if (type.hasLevels()) {
            assertThat(type.minLevel()).isEqualTo(kafka.minLevel());
            assertThat(type.maxLevel()).isEqualTo(kafka.maxLevel());
            assertThat(type.defaultLevel()).isEqualTo(kafka.defaultLevel());
        } else {
            assertThatThrownBy(type::defaultLevel).isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(kafka::defaultLevel).isInstanceOf(UnsupportedOperationException.class);
        }
    }

    @Test
    void zstdBoundsAreZstdsOwn() {
        assertThat(CompressionType.ZSTD.minLevel()).isEqualTo(com.github.luben.zstd.Zstd.minCompressionLevel());
        assertThat(CompressionType.ZSTD.maxLevel()).isEqualTo(com.github.luben.zstd.Zstd.maxCompressionLevel());
    }

    @Test
    void unknownIdsAndNames() {
        assertThat(CompressionType.forId(5)).isNull();
        assertThat(CompressionType.forId(7)).isNull();
        assertThat(CompressionType.forName("LZ4")).isEqualTo(CompressionType.LZ4);
        assertThatThrownBy(() -> CompressionType.forName("brotli"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("brotli")
                .hasMessageContaining("zstd");
    }

    @Test
    void compressionValidatesLevels() {
        assertThat(Compression.gzip().level()).isEqualTo(-1);
        assertThat(Compression.gzip(9).level()).isEqualTo(9);
        assertThat(Compression.lz4().level()).isEqualTo(9);
        assertThat(Compression.zstd().level()).isEqualTo(3);
        assertThat(Compression.of(CompressionType.ZSTD, 22)).isEqualTo(Compression.zstd(22));
        assertThat(Compression.of(CompressionType.SNAPPY, null)).isSameAs(Compression.snappy());
        assertThatThrownBy(() -> Compression.gzip(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Compression.gzip(10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Compression.lz4(18)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Compression.lz4(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Compression.zstd(23)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Compression.of(CompressionType.SNAPPY, 3))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Compression.of(CompressionType.NONE, 1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
