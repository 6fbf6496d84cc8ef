package io.brook.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.brook.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class SerializersTest {

    @Test
    void nullMapsToNullEverywhere() {
        assertThat(Serializers.string().serialize("t", null)).isNull();
        assertThat(Serializers.bytes().serialize("t", null)).isNull();
        assertThat(Serializers.longs().serialize("t", null)).isNull();
        assertThat(Serializers.integers().serialize("t", null)).isNull();
        assertThat(Deserializers.string().deserialize("t", null)).isNull();
        assertThat(Deserializers.bytes().deserialize("t", null)).isNull();
        assertThat(Deserializers.longs().deserialize("t", null)).isNull();
        assertThat(Deserializers.integers().deserialize("t", null)).isNull();
    }

    @Test
    void stringsAreUtf8() {
        byte[] bytes = Serializers.string().serialize("t", "héllo €");
        assertThat(bytes).hasSize(10);
        assertThat(Deserializers.string().deserialize("t", bytes)).isEqualTo("héllo €");
        assertThat(Serializers.string().serialize("t", "")).isEmpty();
    }

    @Test
    void bytesPassThrough() {
        byte[] data = {1, 2, 3};
        assertThat(Serializers.bytes().serialize("t", data)).isSameAs(data);
        assertThat(Deserializers.bytes().deserialize("t", data)).isSameAs(data);
    }

    @Test
    void longsAreEightBytesBigEndian() {
        assertThat(Serializers.longs().serialize("t", 0x0102030405060708L))
                .containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
        assertThat(Serializers.longs().serialize("t", -1L)).containsOnly(-1).hasSize(8);
        for (long v : new long[] {0L, 1L, -1L, Long.MIN_VALUE, Long.MAX_VALUE, 255L, 256L, -257L}) {
            assertThat(Deserializers.longs().deserialize("t", Serializers.longs().serialize("t", v))).isEqualTo(v);
        }
    }

    @Test
    void integersAreFourBytesBigEndian() {
        assertThat(Serializers.integers().serialize("t", 0x01020304)).containsExactly(1, 2, 3, 4);
        for (int v : new int[] {0, 1, -1, Integer.MIN_VALUE, Integer.MAX_VALUE, 128, -129}) {
            assertThat(Deserializers.integers().deserialize("t", Serializers.integers().serialize("t", v)))
                    .isEqualTo(v);
        }
    }

    @Test
    void wrongLengthsFailWithATypedErrorNamingTopicAndLength() {
        assertThatThrownBy(() -> Deserializers.longs().deserialize("prices", new byte[7]))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("prices").hasMessageContaining("8").hasMessageContaining("7");
        assertThatThrownBy(() -> Deserializers.longs().deserialize("prices", new byte[9]))
                .isInstanceOf(SerializationException.class).hasMessageContaining("9");
        assertThatThrownBy(() -> Deserializers.integers().deserialize("counts", new byte[8]))
                .isInstanceOf(SerializationException.class).hasMessageContaining("counts");
    }
}
