package io.brook.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.brook.protocol.message.ApiVersionsResponse;
import io.brook.protocol.wire.RawTaggedField;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Tagged fields Brook does not know survive a round trip and merge with known ones in ascending tag order. */
class UnknownTaggedFieldsTest {
    private static final short V3 = 3;

    /** errorCode 0, apiKeys empty (compact), throttleTimeMs 0: the fixed part of an empty ApiVersionsResponse v3. */
    private static final String EMPTY_BODY = "0000 01 00000000";

    @Test
    void unknownFieldsMergeWithKnownOnesInTagOrder() {
        ApiVersionsResponse response = ApiVersionsResponse.builder()
                .finalizedFeaturesEpoch(5)
                .unknownTaggedFields(List.of(new RawTaggedField(9, new byte[] {1, 2}), new RawTaggedField(4, new byte[] {3})))
                .build();
        assertThat(response.unknownTaggedFields()).extracting(RawTaggedField::tag).containsExactly(4, 9);
        String expected = EMPTY_BODY + " 03" + " 01 08 0000000000000005" + " 04 01 03" + " 09 02 0102";
        assertThat(encode(response)).isEqualTo(Hex.compact(expected));
        assertThat(response.size(V3)).isEqualTo(Hex.decode(expected).length);
        assertThat(decode(expected)).isEqualTo(response);
    }

    @Test
    void readingAndWritingBackKeepsTheBytes() {
        String wire = EMPTY_BODY + " 02" + " 03 01 01" + " 07 03 aabbcc";
        ApiVersionsResponse read = decode(wire);
        assertThat(read.zkMigrationReady()).isTrue();
        assertThat(read.unknownTaggedFields()).containsExactly(new RawTaggedField(7, Hex.decode("aabbcc")));
        assertThat(encode(read)).isEqualTo(Hex.compact(wire));
    }

    @Test
    void unknownFieldsInNestedStructsSurvive() {
        ApiVersionsResponse.ApiVersion apiVersion = ApiVersionsResponse.ApiVersion.builder()
                .apiKey((short) 3).minVersion((short) 0).maxVersion((short) 13)
                .unknownTaggedFields(List.of(new RawTaggedField(0, new byte[] {42})))
                .build();
        ApiVersionsResponse response = ApiVersionsResponse.builder().apiKeys(List.of(apiVersion)).build();
        String wire = "0000 02 0003 0000 000d 01 00 01 2a 00000000 00";
        assertThat(encode(response)).isEqualTo(Hex.compact(wire));
        assertThat(decode(wire)).isEqualTo(response);
    }

    @Test
    void anUnknownCopyOfAKnownTagGivesWayToTheTypedField() {
        ApiVersionsResponse response = ApiVersionsResponse.builder()
                .unknownTaggedFields(List.of(new RawTaggedField(1, new byte[] {0, 0, 0, 0, 0, 0, 0, 9})))
                .build();
        assertThat(encode(response)).isEqualTo(Hex.compact(EMPTY_BODY + " 00"));
        assertThat(response.size(V3)).isEqualTo(Hex.decode(EMPTY_BODY).length + 1);
    }

    @Test
    void unknownFieldsAreNotWrittenInVersionsWithoutTaggedFields() {
        ApiVersionsResponse response = ApiVersionsResponse.builder()
                .unknownTaggedFields(List.of(new RawTaggedField(9, new byte[] {1})))
                .build();
        ByteBuf buf = ByteBufAllocator.DEFAULT.buffer();
        try {
            response.write(buf, (short) 2);
            assertThat(Hex.of(buf)).isEqualTo(Hex.compact("0000 00000000 00000000"));
        } finally {
            buf.release();
        }
    }

    private static String encode(ApiVersionsResponse response) {
        ByteBuf buf = ByteBufAllocator.DEFAULT.buffer();
        try {
            response.write(buf, V3);
            return Hex.of(buf);
        } finally {
            buf.release();
        }
    }

    private static ApiVersionsResponse decode(String hex) {
        ByteBuf buf = Unpooled.wrappedBuffer(Hex.decode(hex));
        ApiVersionsResponse read = ApiVersionsResponse.read(buf, V3);
        assertThat(buf.readableBytes()).isZero();
        return read;
    }
}
