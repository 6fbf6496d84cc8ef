package io.brook.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.brook.protocol.message.MessageSamples;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every API x version x direction round-trips: the generated samples put a non-default value in every field the
 * version carries (variant 0) and null in the nullable ones (variants 1 and 2). Schema files added later are
 * covered without editing this test, because the samples are generated from them.
 */
class MessageRoundTripTest {

    @TestFactory
    Stream<DynamicTest> everyApiVersionAndDirectionRoundTrips() {
        return SampleCases.each(MessageSamples.VARIANTS, MessageRoundTripTest::roundTrip);
    }

    private static void roundTrip(ApiKey key, boolean request, short version, int variant) {
        ApiMessage sample = MessageSamples.sample(key, request, version, variant);
        ByteBuf buf = ByteBufAllocator.DEFAULT.buffer();
        ByteBuf again = ByteBufAllocator.DEFAULT.buffer();
        ApiMessage back = null;
        try {
            assertThat(sample.apiKey()).isEqualTo(key);
            sample.write(buf, version);
            assertThat(buf.readableBytes()).as("bytes written vs size(%d)", version).isEqualTo(sample.size(version));
            back = request ? key.readRequest(buf, version) : key.readResponse(buf, version);
            assertThat(buf.readableBytes()).as("bytes left over").isZero();
            assertThat(back).isEqualTo(sample);
            assertThat(back.hashCode()).isEqualTo(sample.hashCode());
            assertThat(back.toString()).isEqualTo(sample.toString());
            back.write(again, version);
            buf.readerIndex(0);
            assertThat(Hex.of(again)).as("re-encoding").isEqualTo(Hex.of(buf));
        } finally {
            release(sample);
            release(back);
            buf.release();
            again.release();
        }
    }

    static void release(ApiMessage message) {
        if (message instanceof Releasable r) {
            r.release();
        }
    }
}
