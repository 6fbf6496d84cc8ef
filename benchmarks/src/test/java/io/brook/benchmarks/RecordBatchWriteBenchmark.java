package io.brook.benchmarks;

import io.brook.protocol.compress.Compression;
import io.brook.protocol.record.RecordBatchBuilder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.PooledByteBufAllocator;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.record.MemoryRecords;
import org.apache.kafka.common.record.MemoryRecordsBuilder;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.utils.BufferSupplier;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Builds one record batch v2 of {@value #RECORDS} records (key ~12 bytes, value {@code valueSize} bytes, no
 * headers), as a producer does when it closes a batch: encode every record, compress, write header and CRC.
 *
 * <p>Both clients start from the same byte arrays and the same initial buffer capacity (enough for the
 * uncompressed batch, so that neither grows its output while appending). Each uses its memory the way its producer
 * does: Brook takes pooled direct buffers from Netty's allocator and releases the batch afterwards; kafka-clients
 * writes into one reused heap buffer, as its producer's {@code BufferPool} recycles {@code batch.size} buffers.
 * The returned batch size keeps the work from being optimised away.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class RecordBatchWriteBenchmark {
    static final int RECORDS = 100;

    @Param({"none", "lz4", "zstd", "snappy", "gzip"})
    public String codec;

    @Param({"100", "1024"})
    public int valueSize;

    private final ByteBufAllocator alloc = PooledByteBufAllocator.DEFAULT;
    private byte[][] keys;
    private byte[][] values;
    private int initialCapacity;
    private Compression brookCompression;
    private org.apache.kafka.common.compress.Compression kafkaCompression;
    private ByteBuffer kafkaBuffer;

    @Setup(Level.Trial)
    public void setUp() {
        keys = BenchData.keys(RECORDS);
        values = BenchData.values(RECORDS, valueSize, 42);
        // Batch header plus each record's bytes and at most ~20 bytes of varints and lengths.
        initialCapacity = 61 + RECORDS * (valueSize + 32);
        brookCompression = Codecs.brook(codec);
        kafkaCompression = Codecs.kafka(codec);
        kafkaBuffer = ByteBuffer.allocate(initialCapacity);
        checkSameRecords();
    }

    @Benchmark
    public int brook() {
        ByteBuf batch = buildWithBrook();
        int size = batch.readableBytes();
        batch.release();
        return size;
    }

    @Benchmark
    public int kafka() {
        return buildWithKafka().sizeInBytes();
    }

    private ByteBuf buildWithBrook() {
        RecordBatchBuilder builder = new RecordBatchBuilder(alloc, brookCompression, 0L, initialCapacity);
        for (int i = 0; i < RECORDS; i++) {
            builder.append(BenchData.timestamp(i), keys[i], values[i], null);
        }
        return builder.build();
    }

    private MemoryRecords buildWithKafka() {
        kafkaBuffer.clear();
        MemoryRecordsBuilder builder = MemoryRecords.builder(kafkaBuffer, kafkaCompression, TimestampType.CREATE_TIME,
                0L);
        for (int i = 0; i < RECORDS; i++) {
            builder.append(BenchData.timestamp(i), keys[i], values[i]);
        }
        return builder.build();
    }

    /**
     * Fails the trial unless both builders produce batches that both readers read to the same records; without
     * compression the batches must be byte-identical. Guards against comparing different work.
     */
    private void checkSameRecords() {
        ByteBuf brookBatch = buildWithBrook();
        try {
            ByteBuffer kafkaBatch = buildWithKafka().buffer();
            byte[] brookBytes = ByteBufUtil.getBytes(brookBatch);
            byte[] kafkaBytes = new byte[kafkaBatch.remaining()];
            kafkaBatch.duplicate().get(kafkaBytes);
            if (codec.equals("none") && !Arrays.equals(brookBytes, kafkaBytes)) {
                throw new IllegalStateException("uncompressed batches differ between Brook and kafka-clients");
            }
            ByteBuf kafkaBatchAsByteBuf = alloc.directBuffer(kafkaBytes.length).writeBytes(kafkaBytes);
            try {
                long expected = BatchReaders.kafka(ByteBuffer.wrap(kafkaBytes), BufferSupplier.NO_CACHING);
                long[] seen = {
                    BatchReaders.kafka(ByteBuffer.wrap(brookBytes), BufferSupplier.NO_CACHING),
                    BatchReaders.brook(brookBatch, alloc),
                    BatchReaders.brook(kafkaBatchAsByteBuf, alloc),
                };
                for (long s : seen) {
                    if (s != expected) {
                        throw new IllegalStateException("readers disagree: " + Arrays.toString(seen) + " vs "
                                + expected);
                    }
                }
            } finally {
                kafkaBatchAsByteBuf.release();
            }
        } finally {
            brookBatch.release();
        }
    }
}
