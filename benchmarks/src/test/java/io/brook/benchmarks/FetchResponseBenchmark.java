package io.brook.benchmarks;

import io.brook.protocol.message.FetchResponse;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.PooledByteBufAllocator;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.message.FetchResponseData;
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
 * Decodes and encodes the body of a FetchResponse v{@value #VERSION} carrying records (see {@link FetchFixture}:
 * 4 topics x 5 partitions, one 6 KiB batch each) with each client's generated message classes.
 *
 * <p>Decode reads the same bytes on both sides, Brook from a pooled direct {@code ByteBuf}, kafka-clients from a
 * heap {@code ByteBuffer}; both take the records as zero-copy slices (Brook retained ones, so its decoded message
 * is released again in the benchmark, as a consumer does once it has taken the batches). Records are not parsed
 * here; the record read benchmark covers that. Encode copies the records into the output on both sides, as the
 * message {@code write} methods do.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class FetchResponseBenchmark {
    /** The highest FetchResponse version of a Kafka 4.1 broker, supported by both clients. */
    static final short VERSION = 18;

    private final ByteBufAllocator alloc = PooledByteBufAllocator.DEFAULT;
    private FetchResponse brookMessage;
    private FetchResponseData kafkaMessage;
    private ByteBuf brookInput;
    private ByteBuffer kafkaInput;

    @Setup(Level.Trial)
    public void setUp() {
        byte[][] batches = FetchFixture.batches();
        brookMessage = FetchFixture.brook(batches, alloc);
        kafkaMessage = FetchFixture.kafka(batches);
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
        brookInput.readerIndex(0);
        FetchResponse decoded = FetchResponse.read(brookInput, VERSION);
        try {
            if (!decoded.equals(brookMessage) || !kafkaDecode().equals(kafkaMessage)) {
                throw new IllegalStateException("a decoded message differs from the fixture");
            }
        } finally {
            decoded.release();
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        brookInput.release();
        brookMessage.release();
    }

    @Benchmark
    public int brookDecode() {
        brookInput.readerIndex(0);
        FetchResponse response = FetchResponse.read(brookInput, VERSION);
        int topics = response.responses().size();
        response.release();
        return topics;
    }

    @Benchmark
    public FetchResponseData kafkaDecode() {
        return new FetchResponseData(new ByteBufferAccessor(kafkaInput.duplicate()), VERSION);
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
