package io.brook.protocol.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.brook.protocol.compress.Compression;
import io.brook.protocol.compress.CompressionType;
import io.brook.protocol.compress.LeakCheckingAllocator;
import io.brook.protocol.compress.TestData;
import io.brook.protocol.record.SampleRecords.Sample;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RecordBatchRoundTripTest {
    private final LeakCheckingAllocator leaks = new LeakCheckingAllocator();

    @AfterEach
    void noLeaks() {
        leaks.assertNoLeaks();
    }

    static Stream<Compression> compressions() {
        return Stream.of(Compression.none(), Compression.gzip(), Compression.snappy(), Compression.lz4(),
                Compression.lz4(12), Compression.zstd(), Compression.zstd(-3));
    }

    @ParameterizedTest
    @MethodSource("compressions")
    void manyMixedRecordsRoundTrip(Compression compression) {
        List<Sample> samples = SampleRecords.mixed(3000, 1_700_000_000_000L, 1);
        RecordBatchBuilder builder = new RecordBatchBuilder(leaks.alloc(), compression, 1000L, 16 * 1024)
                .producerState(77L, (short) 3, 500)
                .partitionLeaderEpoch(9);
        SampleRecords.append(builder, samples);
        ByteBuf batch = builder.build();
        try (RecordBatch read = readSingle(batch)) {
            assertThat(read.baseOffset()).isEqualTo(1000L);
            assertThat(read.lastOffset()).isEqualTo(1000L + samples.size() - 1);
            assertThat(read.nextOffset()).isEqualTo(1000L + samples.size());
            assertThat(read.recordCount()).isEqualTo(samples.size());
            assertThat(read.magic()).isEqualTo((byte) 2);
            assertThat(read.compressionType()).isEqualTo(compression.type());
            assertThat(read.timestampType()).isEqualTo(TimestampType.CREATE_TIME);
            assertThat(read.isTransactional()).isFalse();
            assertThat(read.isControl()).isFalse();
            assertThat(read.hasDeleteHorizon()).isFalse();
            assertThat(read.deleteHorizonMs()).isEqualTo(RecordBatchFormat.NO_TIMESTAMP);
            assertThat(read.baseTimestamp()).isEqualTo(samples.get(0).timestamp());
            assertThat(read.maxTimestamp()).isEqualTo(SampleRecords.maxTimestamp(samples));
            assertThat(read.producerId()).isEqualTo(77L);
            assertThat(read.producerEpoch()).isEqualTo((short) 3);
            assertThat(read.baseSequence()).isEqualTo(500);
            assertThat(read.lastSequence()).isEqualTo(500 + samples.size() - 1);
            assertThat(read.partitionLeaderEpoch()).isEqualTo(9);
            assertThat(read.sizeInBytes()).isEqualTo(batch.readableBytes());
            assertThat(read.isValid()).isTrue();
            // Iterating twice gives the same records (compressed batches decompress once).
            for (int pass = 0; pass < 2; pass++) {
                Iterator<Record> it = read.iterator();
                for (int i = 0; i < samples.size(); i++) {
                    Record record = it.next();
                    SampleRecords.assertMatches(record, samples.get(i), 1000L + i);
                    assertThat(record.sequence()).isEqualTo(500 + i);
                }
                assertThat(it.hasNext()).isFalse();
            }
        } finally {
            batch.release();
        }
    }

    @ParameterizedTest
    @MethodSource("compressions")
    void largeValuesRoundTrip(Compression compression) {
        List<byte[]> values = List.of(TestData.random(3 * 1024 * 1024, 1), TestData.text(5 * 1024 * 1024, 2),
                TestData.random(70_000, 3));
        RecordBatchBuilder builder = new RecordBatchBuilder(leaks.alloc(), compression, 0L, 1024);
        for (byte[] v : values) {
            builder.append(10L, null, v, null);
        }
        ByteBuf batch = builder.build();
        try (RecordBatch read = readSingle(batch)) {
            List<byte[]> got = new ArrayList<>();
            for (Record r : read) {
                got.add(r.valueBytes());
                assertThat(r.key()).isNull();
                assertThat(r.headers()).isEmpty();
            }
            assertThat(got).containsExactlyElementsOf(values);
        } finally {
            batch.release();
        }
    }

    @ParameterizedTest
    @MethodSource("compressions")
    void viewsAreSlicesOfOneBufferWithoutPerRecordCopies(Compression compression) {
        List<Sample> samples = SampleRecords.mixed(200, 1_000_000L, 2);
        RecordBatchBuilder builder = new RecordBatchBuilder(leaks.alloc(), compression, 0L, 1024);
        SampleRecords.append(builder, samples);
        ByteBuf batch = builder.build();
        try (RecordBatch read = readSingle(batch)) {
            long lowest = Long.MAX_VALUE;
            long highest = Long.MIN_VALUE;
            for (Record r : read) {
                for (ByteBuf view : viewsOf(r)) {
                    assumeTrue(view.hasMemoryAddress(), "direct buffers expose addresses (Netty with Unsafe)");
                    lowest = Math.min(lowest, view.memoryAddress());
                    highest = Math.max(highest, view.memoryAddress() + view.readableBytes());
                }
            }
            if (compression.type() == CompressionType.NONE) {
                // Every view points into the batch bytes themselves.
                assertThat(lowest).isGreaterThanOrEqualTo(batch.memoryAddress());
                assertThat(highest).isLessThanOrEqualTo(batch.memoryAddress() + batch.readableBytes());
            } else {
                // Every view points into one decompressed region no larger than the records uncompressed.
                assertThat(highest - lowest).isLessThanOrEqualTo(builder.uncompressedSizeInBytes());
                assertThat(lowest >= batch.memoryAddress() + batch.readableBytes()
                        || highest <= batch.memoryAddress()).isTrue();
            }
        } finally {
            batch.release();
        }
    }

    private static List<ByteBuf> viewsOf(Record r) {
        List<ByteBuf> views = new ArrayList<>();
        if (r.key() != null && r.key().isReadable()) {
            views.add(r.key());
        }
        if (r.value() != null && r.value().isReadable()) {
            views.add(r.value());
        }
        for (HeaderView h : r.headers()) {
            if (h.value() != null && h.value().isReadable()) {
                views.add(h.value());
            }
        }
        return views;
    }

    private RecordBatch readSingle(ByteBuf batch) {
        RecordBatchReader reader = new RecordBatchReader(batch, leaks.alloc(), true);
        assertThat(reader.hasNext()).isTrue();
        RecordBatch read = reader.next();
        assertThat(reader.hasNext()).isFalse();
        assertThat(reader.partialTrailingBytes()).isZero();
        assertThat(reader.bytesRead()).isEqualTo(batch.readableBytes());
        return read;
    }
}
