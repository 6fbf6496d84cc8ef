package io.brook.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.brook.common.errors.UnsupportedVersionException;
import io.brook.protocol.wire.RawTaggedField;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.util.List;
import org.junit.jupiter.api.Test;

class RequestResponseHeaderTest {

    @Test
    void requestHeaderBytesPerVersion() {
        RequestHeader h = new RequestHeader(ApiKey.METADATA, (short) 12, 7, "brook");
        assertThat(encode(h, (short) 0)).isEqualTo(Hex.compact("0003 000c 00000007"));
        assertThat(encode(h, (short) 1)).isEqualTo(Hex.compact("0003 000c 00000007 0005 62726f6f6b"));
        // v2 keeps the classic int16-length client id and adds the tagged-field count.
        assertThat(encode(h, (short) 2)).isEqualTo(Hex.compact("0003 000c 00000007 0005 62726f6f6b 00"));
        for (short v = 0; v <= 2; v++) {
            assertThat(h.size(v)).isEqualTo(Hex.decode(encode(h, v)).length);
        }
    }

    @Test
    void nullClientIdAndTaggedFieldsRoundTrip() {
        RequestHeader h = new RequestHeader((short) 18, (short) 4, -5, null,
                List.of(new RawTaggedField(3, new byte[] {1, 2})));
        String wire = encode(h, (short) 2);
        assertThat(wire).isEqualTo(Hex.compact("0012 0004 fffffffb ffff 01 03 02 0102"));
        ByteBuf in = Unpooled.wrappedBuffer(Hex.decode(wire));
        assertThat(RequestHeader.read(in, (short) 2)).isEqualTo(h);
        assertThat(in.readableBytes()).isZero();
    }

    @Test
    void readWithoutVersionDerivesItFromTheApi() {
        RequestHeader flexible = new RequestHeader(ApiKey.METADATA, (short) 12, 1, "c");
        RequestHeader classic = new RequestHeader(ApiKey.METADATA, (short) 8, 2, "c");
        assertThat(flexible.headerVersion()).isEqualTo((short) 2);
        assertThat(classic.headerVersion()).isEqualTo((short) 1);
        for (RequestHeader h : List.of(flexible, classic)) {
            ByteBuf in = Unpooled.wrappedBuffer(Hex.decode(encode(h, h.headerVersion())));
            assertThat(RequestHeader.read(in)).isEqualTo(h);
            assertThat(in.readableBytes()).isZero();
        }
    }

    @Test
    void responseHeaderBytesPerVersion() {
        ResponseHeader h = new ResponseHeader(7);
        ByteBuf buf = ByteBufAllocator.DEFAULT.buffer();
        try {
            h.write(buf, (short) 0);
            assertThat(Hex.of(buf)).isEqualTo("00000007");
            assertThat(ResponseHeader.peekCorrelationId(buf)).isEqualTo(7);
            assertThat(ResponseHeader.read(buf, (short) 0)).isEqualTo(h);
            h.write(buf, (short) 1);
            assertThat(Hex.of(buf)).isEqualTo("0000000700");
            assertThat(h.size((short) 1)).isEqualTo(5);
            assertThat(ResponseHeader.read(buf, (short) 1)).isEqualTo(h);
        } finally {
            buf.release();
        }
    }

    @Test
    void headerVersionsFollowFlexibility() {
        assertThat(ApiKey.METADATA.requestHeaderVersion((short) 8)).isEqualTo((short) 1);
        assertThat(ApiKey.METADATA.requestHeaderVersion((short) 9)).isEqualTo((short) 2);
        assertThat(ApiKey.METADATA.responseHeaderVersion((short) 8)).isEqualTo((short) 0);
        assertThat(ApiKey.METADATA.responseHeaderVersion((short) 9)).isEqualTo((short) 1);
    }

    @Test
    void apiVersionsResponsesAlwaysUseHeaderV0() {
        for (short v = ApiKey.API_VERSIONS.lowestVersion(); v <= ApiKey.API_VERSIONS.highestVersion(); v++) {
            assertThat(ApiKey.API_VERSIONS.responseHeaderVersion(v)).isEqualTo((short) 0);
        }
        assertThat(ApiKey.API_VERSIONS.isFlexible((short) 3)).isTrue();
        assertThat(ApiKey.API_VERSIONS.requestHeaderVersion((short) 3)).isEqualTo((short) 2);
        assertThat(ApiKey.API_VERSIONS.requestHeaderVersion((short) 2)).isEqualTo((short) 1);
    }

    @Test
    void badHeaderVersionsAndTruncationFail() {
        RequestHeader h = new RequestHeader(ApiKey.METADATA, (short) 12, 7, "brook");
        assertThatThrownBy(() -> h.size((short) 3)).isInstanceOf(UnsupportedVersionException.class);
        ByteBuf in = Unpooled.wrappedBuffer(Hex.decode("0003 000c 0000"));
        assertThatThrownBy(() -> RequestHeader.read(in, (short) 1))
                .isInstanceOf(io.brook.protocol.wire.MalformedMessageException.class);
    }

    private static String encode(RequestHeader h, short version) {
        ByteBuf buf = ByteBufAllocator.DEFAULT.buffer();
        try {
            h.write(buf, version);
            return Hex.of(buf);
        } finally {
            buf.release();
        }
    }
}
