package io.brook.benchmarks;

import io.brook.protocol.message.MetadataResponse;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.PooledByteBufAllocator;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.message.MetadataResponseData;
import org.apache.kafka.common.protocol.ByteBufferAccessor;
import org.apache.kafka.common.protocol.MessageUtil;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Decodes and encodes the body of a MetadataResponse v{@value #VERSION} (see {@link MetadataFixture}: 6 brokers,
 * 50 topics x 12 partitions x 3 replicas, about 28 KiB) with each client's generated message classes.
 *
 * <p>Decode reads the same bytes on both sides: Brook from a pooled direct {@code ByteBuf} (what Netty reads into),
 * kafka-clients from a heap {@code ByteBuffer} through {@code ByteBufferAccessor} (what its network layer
 * allocates). Encode sizes the message, allocates an exact buffer and writes it: Brook with {@code size} and
 * {@code write} into a pooled direct buffer (released afterwards), kafka-clients with
 * {@code MessageUtil.toByteBufferAccessor} (an {@code ObjectSerializationCache}, a heap buffer, {@code write}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class MetadataResponseBenchmark {
    /** The highest MetadataResponse version of a Kafka 4.1 broker, supported by both clients. */
    static final short VERSION = 13;

    private final ByteBufAllocator alloc = PooledByteBufAllocator.DEFAULT;
    private MetadataResponse brookMessage;
    private MetadataResponseData kafkaMessage;
    private ByteBuf brookInput;
    private ByteBuffer kafkaInput;

    @Setup(Level.Trial)
    public void setUp() {
        brookMessage = MetadataFixture.brook();
        kafkaMessage = MetadataFixture.kafka();
        ByteBuffer kafkaBytes = MessageUtil.toByteBufferAccessor(kafkaMessage, VERSION).buffer();
        kafkaInput = kafkaBytes;
        brookInput = alloc.directBuffer(brookMessage.size(VERSION));
        brookMessage.write(brookInput, VERSION);
        byte[] brookBytes = ByteBufUtil.getBytes(brookInput);
        byte[] expected = new byte[kafkaBytes.remaining()];
        kafkaBytes.duplicate().get(expected);
        if (!Arrays.equals(brookBytes, expected)) {
            throw new IllegalStateException("Brook and kafka-clients encode the fixture differently");
        }
        if (!brookDecode().equals(brookMessage) || !kafkaDecode().equals(kafkaMessage)) {
            throw new IllegalStateException("a decoded message differs from the fixture");
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        brookInput.release();
    }

    @Benchmark
    public MetadataResponse brookDecode() {
        brookInput.readerIndex(0);
        return MetadataResponse.read(brookInput, VERSION);
    }

    @Benchmark
    public MetadataResponseData kafkaDecode() {
        return new MetadataResponseData(new ByteBufferAccessor(kafkaInput.duplicate()), VERSION);
    }

    @Benchmark
    public int brookEncode() {
        ByteBuf out = alloc.directBuffer(brookMessage.size(VERSION));
        try {
            brookMessage.write(out, VERSION);
            return out.writerIndex();
        } finally {
            out.release();
        }
    }

    @Benchmark
    public ByteBuffer kafkaEncode() {
        return MessageUtil.toByteBufferAccessor(kafkaMessage, VERSION).buffer();
    }
}
