package io.brook.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.brook.protocol.message.MessageSamples;
import io.brook.protocol.wire.MalformedMessageException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every strict prefix of an encoded message is rejected with MalformedMessageException (never an
 * IndexOutOfBoundsException or a silently short message), and a failed read retains no records buffer.
 */
class TruncatedInputTest {
    /** Above this many bytes, cut at a spread of points rather than at every byte, to keep the test fast. */
    private static final int MAX_CUTS = 48;

    @TestFactory
    Stream<DynamicTest> everyPrefixOfEveryMessageIsMalformed() {
        return SampleCases.each(1, (key, request, version, variant) -> truncate(key, request, version));
    }

    private static void truncate(ApiKey key, boolean request, short version) {
        ApiMessage sample = MessageSamples.sample(key, request, version, 0);
        ByteBuf buf = ByteBufAllocator.DEFAULT.buffer();
        try {
            sample.write(buf, version);
            int length = buf.readableBytes();
            int step = Math.max(1, length / MAX_CUTS);
            for (int cut = 0; cut < length; cut += step) {
                ByteBuf prefix = buf.slice(0, cut);
                assertThatThrownBy(() -> read(key, request, prefix, version))
                        .as("prefix of %d of %d bytes", cut, length)
                        .isInstanceOf(MalformedMessageException.class);
            }
            if (length > 0) {
                ByteBuf lastCut = buf.slice(0, length - 1);
                assertThatThrownBy(() -> read(key, request, lastCut, version))
                        .isInstanceOf(MalformedMessageException.class);
            }
            assertThat(buf.refCnt()).as("a failed read must not retain records slices").isEqualTo(1);
        } finally {
            MessageRoundTripTest.release(sample);
            buf.release();
        }
    }

    private static ApiMessage read(ApiKey key, boolean request, ByteBuf in, short version) {
        ApiMessage m = request ? key.readRequest(in, version) : key.readResponse(in, version);
        MessageRoundTripTest.release(m);
        return m;
    }
}
