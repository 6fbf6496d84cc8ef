package io.brook.benchmarks;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import java.nio.ByteBuffer;
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
import org.openjdk.jmh.annotations.TearDown;

/**
 * Reads every record of one record batch v2 of {@value #RECORDS} records, as a consumer does with fetched bytes:
 * CRC check, decompression, record parsing, a look at each key and value (see {@link BatchReaders}).
 *
 * <p>Both clients read the very same bytes, built once by kafka-clients' {@code MemoryRecordsBuilder} (a batch as
 * a Java producer would have sent it). Each reads from the memory its network layer hands it: Brook from a pooled
 * direct {@code ByteBuf} (what Netty reads into), kafka-clients from a heap {@code ByteBuffer} (what its
 * {@code NetworkReceive} allocates). kafka-clients gets one {@code BufferSupplier} for the whole trial, as its
 * consumer keeps one per fetcher; Brook's decompression buffers come from the pooled allocator.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class RecordBatchReadBenchmark {
    static final int RECORDS = 100;

    @Param({"none", "lz4", "zstd", "snappy", "gzip"})
    public String codec;

    @Param({"100", "1024"})
    public int valueSize;

    private final ByteBufAllocator alloc = PooledByteBufAllocator.DEFAULT;
    private ByteBuf brookInput;
    private ByteBuffer kafkaInput;
    private BufferSupplier kafkaBuffers;

    @Setup(Level.Trial)
    public void setUp() {
        byte[][] keys = BenchData.keys(RECORDS);
        byte[][] values = BenchData.values(RECORDS, valueSize, 42);
        MemoryRecordsBuilder builder = MemoryRecords.builder(ByteBuffer.allocate(61 + RECORDS * (valueSize + 32)),
                Codecs.kafka(codec), TimestampType.CREATE_TIME, 0L);
        for (int i = 0; i < RECORDS; i++) {
            builder.append(BenchData.timestamp(i), keys[i], values[i]);
        }
        ByteBuffer built = builder.build().buffer();
        kafkaInput = ByteBuffer.allocate(built.remaining());
        kafkaInput.put(built.duplicate()).flip();
        brookInput = alloc.directBuffer(kafkaInput.remaining()).writeBytes(kafkaInput.duplicate());
        kafkaBuffers = BufferSupplier.create();
        long brook = BatchReaders.brook(brookInput, alloc);
        long kafka = BatchReaders.kafka(kafkaInput, kafkaBuffers);
        if (brook != kafka) {
            throw new IllegalStateException("readers disagree: brook " + brook + ", kafka-clients " + kafka);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        brookInput.release();
        kafkaBuffers.close();
    }

    @Benchmark
    public long brook() {
        return BatchReaders.brook(brookInput, alloc);
    }

    @Benchmark
    public long kafka() {
        return BatchReaders.kafka(kafkaInput, kafkaBuffers);
    }
}
