package io.brook.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.brook.protocol.message.MessageSamples;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import java.nio.ByteBuffer;
import java.util.stream.Stream;
import org.apache.kafka.common.message.ApiMessageType;
import org.apache.kafka.common.protocol.ByteBufferAccessor;
import org.apache.kafka.common.protocol.MessageUtil;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Kafka's own serializers (kafka-clients, test scope) as an oracle: for every sample Brook encodes, Kafka must
 * decode all of the bytes and write the very same bytes back. A field Brook encodes differently from Kafka (wrong
 * type, order, version range, nullability or tag) breaks this.
 */
class KafkaInteropTest {

    @TestFactory
    Stream<DynamicTest> kafkaDecodesAndReEncodesBrookBytesUnchanged() {
        return SampleCases.each(MessageSamples.VARIANTS, KafkaInteropTest::check);
    }

    private static void check(ApiKey key, boolean request, short version, int variant) {
        ApiMessage sample = MessageSamples.sample(key, request, version, variant);
        ByteBuf buf = ByteBufAllocator.DEFAULT.buffer();
        try {
            sample.write(buf, version);
            byte[] brook = ByteBufUtil.getBytes(buf);
            ApiMessageType type = ApiMessageType.fromApiKey(key.id());
            org.apache.kafka.common.protocol.ApiMessage kafka = request ? type.newRequest() : type.newResponse();
            ByteBufferAccessor in = new ByteBufferAccessor(ByteBuffer.wrap(brook));
            kafka.read(in, version);
            assertThat(in.remaining()).as("bytes Kafka left unread").isZero();
            byte[] again = MessageUtil.byteBufferToArray(MessageUtil.toByteBufferAccessor(kafka, version).buffer());
            assertThat(ByteBufUtil.hexDump(again)).as("Kafka's re-encoding of %s", kafka)
                    .isEqualTo(ByteBufUtil.hexDump(brook));
        } finally {
            MessageRoundTripTest.release(sample);
            buf.release();
        }
    }
}
