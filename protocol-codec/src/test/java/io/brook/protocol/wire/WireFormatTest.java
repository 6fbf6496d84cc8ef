package io.brook.protocol.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.brook.protocol.Hex;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class WireFormatTest {

    @ParameterizedTest
    @CsvSource({
        "0, 00", "1, 01", "127, 7f", "128, 8001", "16383, ff7f", "16384, 808001", "2097151, ffff7f",
        "2097152, 80808001", "268435455, ffffff7f", "268435456, 8080808001", "2147483647, ffffffff07",
        "-1, ffffffff0f", "-2147483648, 8080808008"})
    void unsignedVarint(int value, String hex) {
        assertThat(write(b -> WireFormat.writeUnsignedVarint(b, value))).isEqualTo(hex);
        assertThat(WireFormat.sizeOfUnsignedVarint(value)).isEqualTo(hex.length() / 2);
        assertThat(WireFormat.readUnsignedVarint(Unpooled.wrappedBuffer(Hex.decode(hex)))).isEqualTo(value);
    }

    @ParameterizedTest
    @CsvSource({"0, 00", "-1, 01", "1, 02", "-64, 7f", "64, 8001", "2147483647, feffffff0f",
        "-2147483648, ffffffff0f"})
    void zigzagVarint(int value, String hex) {
        assertThat(write(b -> WireFormat.writeVarint(b, value))).isEqualTo(hex);
        assertThat(WireFormat.sizeOfVarint(value)).isEqualTo(hex.length() / 2);
        assertThat(WireFormat.readVarint(Unpooled.wrappedBuffer(Hex.decode(hex)))).isEqualTo(value);
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 1, -1, 63, 64, -64, -65, 127, 128, 16383, 16384, Integer.MAX_VALUE, Integer.MIN_VALUE,
        1L << 35, 1L << 56, (1L << 63) - 1, Long.MIN_VALUE})
    void zigzagVarlongRoundTripsWithMatchingSize(long value) {
        ByteBuf buf = ByteBufAllocator.DEFAULT.buffer();
        try {
            WireFormat.writeVarlong(buf, value);
            assertThat(buf.readableBytes()).isEqualTo(WireFormat.sizeOfVarlong(value));
            assertThat(WireFormat.readVarlong(buf)).isEqualTo(value);
            assertThat(buf.isReadable()).isFalse();
        } finally {
            buf.release();
        }
    }

    @Test
    void varlongExtremesUseTenBytes() {
        assertThat(write(b -> WireFormat.writeVarlong(b, Long.MAX_VALUE))).isEqualTo("feffffffffffffffff01");
        assertThat(write(b -> WireFormat.writeVarlong(b, Long.MIN_VALUE))).isEqualTo("ffffffffffffffffff01");
        assertThat(write(b -> WireFormat.writeUnsignedVarlong(b, 128))).isEqualTo("8001");
    }

    @Test
    void overlongVarintsAreMalformed() {
        assertThatThrownBy(() -> WireFormat.readUnsignedVarint(Unpooled.wrappedBuffer(Hex.decode("ffffffffff01"))))
                .isInstanceOf(MalformedMessageException.class);
        assertThatThrownBy(() -> WireFormat.readUnsignedVarlong(
                Unpooled.wrappedBuffer(Hex.decode("ffffffffffffffffffff01")))).isInstanceOf(MalformedMessageException.class);
        assertThatThrownBy(() -> WireFormat.readUnsignedVarint(Unpooled.wrappedBuffer(Hex.decode("80"))))
                .isInstanceOf(MalformedMessageException.class);
    }

    @Test
    void stringsCompactAndClassic() {
        assertThat(write(b -> WireFormat.writeString(b, "abc", true))).isEqualTo("04616263");
        assertThat(write(b -> WireFormat.writeString(b, "abc", false))).isEqualTo("0003616263");
        assertThat(write(b -> WireFormat.writeString(b, "", true))).isEqualTo("01");
        assertThat(write(b -> WireFormat.writeString(b, "", false))).isEqualTo("0000");
        assertThat(write(b -> WireFormat.writeString(b, null, true))).isEqualTo("00");
        assertThat(write(b -> WireFormat.writeString(b, null, false))).isEqualTo("ffff");
        assertThat(WireFormat.readString(Unpooled.wrappedBuffer(Hex.decode("00")), true)).isNull();
        assertThat(WireFormat.readString(Unpooled.wrappedBuffer(Hex.decode("ffff")), false)).isNull();
        assertThat(WireFormat.readString(Unpooled.wrappedBuffer(Hex.decode("04616263")), true)).isEqualTo("abc");
        assertThat(WireFormat.sizeOfString(null, true)).isEqualTo(1);
        assertThat(WireFormat.sizeOfString(null, false)).isEqualTo(2);
    }

    @Test
    void multiByteStringsCountUtf8Bytes() {
        String s = "é€\uD83D\uDE00x"; // 2 + 3 + 4 + 1 bytes
        assertThat(WireFormat.utf8Length(s)).isEqualTo(s.getBytes(StandardCharsets.UTF_8).length).isEqualTo(10);
        ByteBuf buf = ByteBufAllocator.DEFAULT.buffer();
        try {
            WireFormat.writeString(buf, s, true);
            assertThat(buf.readableBytes()).isEqualTo(WireFormat.sizeOfString(s, true)).isEqualTo(11);
            assertThat(WireFormat.readString(buf, true)).isEqualTo(s);
        } finally {
            buf.release();
        }
    }

    @Test
    void bytesCompactAndClassic() {
        byte[] data = {1, 2};
        assertThat(write(b -> WireFormat.writeBytes(b, data, true))).isEqualTo("030102");
        assertThat(write(b -> WireFormat.writeBytes(b, data, false))).isEqualTo("000000020102");
        assertThat(write(b -> WireFormat.writeBytes(b, null, true))).isEqualTo("00");
        assertThat(write(b -> WireFormat.writeBytes(b, null, false))).isEqualTo("ffffffff");
        assertThat(WireFormat.readBytes(Unpooled.wrappedBuffer(Hex.decode("030102")), true)).containsExactly(1, 2);
        assertThat(WireFormat.readBytes(Unpooled.wrappedBuffer(Hex.decode("ffffffff")), false)).isNull();
        assertThat(WireFormat.sizeOfBytes(data, true)).isEqualTo(3);
        assertThat(WireFormat.sizeOfBytes(data, false)).isEqualTo(6);
    }

    @Test
    void arrayLengthsAndNullMarkers() {
        assertThat(write(b -> WireFormat.writeArrayLength(b, 2, true))).isEqualTo("03");
        assertThat(write(b -> WireFormat.writeArrayLength(b, 2, false))).isEqualTo("00000002");
        assertThat(write(b -> WireFormat.writeArrayLength(b, -1, true))).isEqualTo("00");
        assertThat(write(b -> WireFormat.writeArrayLength(b, -1, false))).isEqualTo("ffffffff");
        assertThat(WireFormat.readArrayLength(Unpooled.wrappedBuffer(Hex.decode("00")), true)).isEqualTo(-1);
        assertThat(WireFormat.readArrayLength(Unpooled.wrappedBuffer(Hex.decode("ffffffff")), false)).isEqualTo(-1);
        assertThat(WireFormat.sizeOfArrayLength(-1, true)).isEqualTo(1);
        assertThat(WireFormat.sizeOfArrayLength(300, true)).isEqualTo(2);
    }

    @Test
    void impossibleLengthsAreMalformed() {
        assertThatThrownBy(() -> WireFormat.readArrayLength(Unpooled.wrappedBuffer(Hex.decode("fffffffe")), false))
                .isInstanceOf(MalformedMessageException.class);
        assertThatThrownBy(() -> WireFormat.readArrayLength(Unpooled.wrappedBuffer(Hex.decode("0000000501")), false))
                .isInstanceOf(MalformedMessageException.class);
        assertThatThrownBy(() -> WireFormat.readString(Unpooled.wrappedBuffer(Hex.decode("000561")), false))
                .isInstanceOf(MalformedMessageException.class);
        assertThatThrownBy(() -> WireFormat.readString(Unpooled.wrappedBuffer(Hex.decode("fffe")), false))
                .isInstanceOf(MalformedMessageException.class);
        assertThatThrownBy(() -> WireFormat.readBytes(Unpooled.wrappedBuffer(Hex.decode("0461")), true))
                .isInstanceOf(MalformedMessageException.class);
        assertThatThrownBy(() -> WireFormat.readInt(Unpooled.wrappedBuffer(Hex.decode("000000"))))
                .isInstanceOf(MalformedMessageException.class);
    }

    @Test
    void uuidIsSixteenBigEndianBytes() {
        UUID id = new UUID(0x0102030405060708L, 0x090a0b0c0d0e0f10L);
        assertThat(write(b -> WireFormat.writeUuid(b, id))).isEqualTo("0102030405060708090a0b0c0d0e0f10");
        assertThat(WireFormat.readUuid(Unpooled.wrappedBuffer(Hex.decode("0102030405060708090a0b0c0d0e0f10"))))
                .isEqualTo(id);
        assertThat(write(b -> WireFormat.writeUuid(b, WireFormat.ZERO_UUID))).isEqualTo("00".repeat(16));
        assertThatThrownBy(() -> WireFormat.readUuid(Unpooled.wrappedBuffer(new byte[15])))
                .isInstanceOf(MalformedMessageException.class);
    }

    @Test
    void recordsAreRetainedSlices() {
        ByteBuf in = ByteBufAllocator.DEFAULT.buffer();
        try {
            in.writeBytes(Hex.decode("04 aabbcc ff"));
            ByteBuf records = WireFormat.readRecords(in, true);
            assertThat(Hex.of(records)).isEqualTo("aabbcc");
            assertThat(in.refCnt()).isEqualTo(2);
            records.release();
            assertThat(in.readableBytes()).isEqualTo(1);
        } finally {
            in.release();
        }
    }

    private static String write(Consumer<ByteBuf> writer) {
        ByteBuf buf = ByteBufAllocator.DEFAULT.buffer();
        try {
            writer.accept(buf);
            return Hex.of(buf);
        } finally {
            buf.release();
        }
    }
}
