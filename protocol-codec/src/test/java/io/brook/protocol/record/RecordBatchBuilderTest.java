package io.brook.protocol.record;

import io.brook.common.Header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.brook.protocol.compress.Compression;
import io.brook.protocol.compress.LeakCheckingAllocator;
import io.brook.protocol.compress.TestData;
import io.brook.protocol.record.SampleRecords.Sample;
import io.netty.buffer.ByteBuf;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.common.record.MemoryRecords;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RecordBatchBuilderTest {
    private final LeakCheckingAllocator leaks = new LeakCheckingAllocator();

    @AfterEach
    void noLeaks() {
        leaks.assertNoLeaks();
    }

    @Test
    void varintBoundaryFieldsRoundTrip() {
        List<Sample> samples = VarintBoundaries.samples(1_600_000_000_000L);
        RecordBatchBuilder builder = new RecordBatchBuilder(leaks.alloc(), Compression.none(), 0L, 64);
        SampleRecords.append(builder, samples);
        ByteBuf batch = builder.build();
        try (RecordBatch read = new RecordBatchReader(batch, leaks.alloc(), true).next()) {
            int i = 0;
            for (Record r : read) {
                SampleRecords.assertMatches(r, samples.get(i), i);
                i++;
            }
            assertThat(i).isEqualTo(samples.size());
        } finally {
            batch.release();
        }
    }

    @Test
    void recordSizesFollowVarintWidths() {
        // One record with a key of each boundary length: the record's size grows by exactly the extra length
        // byte when the length crosses a varint width.
        int previous = -1;
        for (int length : new int[] {63, 64}) {
            RecordBatchBuilder builder = new RecordBatchBuilder(leaks.alloc(), Compression.none(), 0L, 64);
            builder.append(0L, new byte[length], null, null);
            int size = builder.estimatedSizeInBytes();
            builder.release();
            if (previous >= 0) {
                // body grows by 1 (key byte) + 1 (key length varint), and the body-size varint stays 2 bytes
                assertThat(size - previous).isEqualTo(2);
            }
            previous = size;
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 63, 64, 8191, 8192, 1_048_576, Integer.MAX_VALUE})
    void explicitOffsetDeltasAreKept(int lastDelta) {
        RecordBatchBuilder builder = new RecordBatchBuilder(leaks.alloc(), Compression.none(), 100L, 64);
        if (lastDelta > 0) {
            builder.appendWithOffsetDelta(0, 5L, (byte[]) null, new byte[] {1}, null);
        }
        builder.appendWithOffsetDelta(lastDelta, 5L, (byte[]) null, new byte[] {2}, null);
        ByteBuf batch = builder.build();
        try (RecordBatch read = new RecordBatchReader(batch, leaks.alloc(), true).next()) {
            assertThat(read.lastOffsetDelta()).isEqualTo(lastDelta);
            assertThat(read.lastOffset()).isEqualTo(100L + lastDelta);
            Record last = null;
            for (Record r : read) {
                last = r;
            }
            assertThat(last.offset()).isEqualTo(100L + lastDelta);
            assertThat(last.valueBytes()).containsExactly(2);
            // Kafka agrees.
            org.apache.kafka.common.record.RecordBatch kb = MemoryRecords.readableRecords(copy(batch))
                    .batches().iterator().next();
            kb.ensureValid();
            assertThat(kb.lastOffset()).isEqualTo(100L + lastDelta);
        } finally {
            batch.release();
        }
    }

    @Test
    void uncompressedSizeEstimateIsExact() {
        RecordBatchBuilder builder = new RecordBatchBuilder(leaks.alloc(), Compression.none(), 0L, 64);
        assertThat(builder.estimatedSizeInBytes()).isEqualTo(RecordBatchFormat.HEADER_SIZE);
        SampleRecords.append(builder, SampleRecords.mixed(100, 1_000_000L, 4));
        int estimated = builder.estimatedSizeInBytes();
        ByteBuf batch = builder.build();
        try {
            assertThat(batch.readableBytes()).isEqualTo(estimated);
            assertThat(builder.estimatedSizeInBytes()).isEqualTo(estimated);
            assertThat(builder.compressionRatio()).isEqualTo(1.0f);
        } finally {
            batch.release();
        }
    }

    @Test
    void compressedEstimateUsesTheRatioAndTheRatioIsReportedAfterBuild() {
        RecordBatchBuilder builder = new RecordBatchBuilder(leaks.alloc(), Compression.gzip(), 0L, 64)
                .estimatedCompressionRatio(0.5f);
        for (int i = 0; i < 200; i++) {
            builder.append(0L, null, TestData.text(500, i), null);
        }
        int uncompressed = builder.uncompressedSizeInBytes();
        assertThat(builder.estimatedSizeInBytes())
                .isEqualTo(RecordBatchFormat.HEADER_SIZE + (int) Math.ceil((uncompressed - 61) * 0.5));
        ByteBuf batch = builder.build();
        try {
            assertThat(builder.estimatedSizeInBytes()).isEqualTo(batch.readableBytes());
            assertThat(builder.compressionRatio())
                    .isEqualTo((batch.readableBytes() - 61) / (float) (uncompressed - 61))
                    .isLessThan(0.5f);
        } finally {
            batch.release();
        }
    }

    @Test
    void hasRoomForAdmitsTheFirstRecordAlwaysThenRespectsTheLimit() {
        RecordBatchBuilder builder = new RecordBatchBuilder(leaks.alloc(), Compression.none(), 0L, 64);
        try {
            byte[] big = new byte[5000];
            assertThat(builder.hasRoomFor(1000, 0L, null, big, null)).isTrue();
            builder.append(0L, null, big, null);
            assertThat(builder.hasRoomFor(100_000, 0L, null, new byte[10], null)).isTrue();
            assertThat(builder.hasRoomFor(5100, 0L, null, new byte[100], null)).isFalse();
            // Exactly filling the limit fits.
            int before = builder.estimatedSizeInBytes();
            List<Header> headers = List.of(new Header("a", new byte[] {1}));
            boolean fits = builder.hasRoomFor(before + 20, 7L, new byte[3], new byte[4], headers);
            builder.append(7L, new byte[3], new byte[4], headers);
            assertThat(fits).isEqualTo(builder.estimatedSizeInBytes() <= before + 20);
            assertThat(builder.hasRoomFor(builder.estimatedSizeInBytes(), 0L, -1, -1, null)).isFalse();
        } finally {
            builder.release();
        }
    }

    @Test
    void batchSizeUpperBoundCoversAnyTimestamp() {
        List<Header> headers = List.of(new Header("trace", new byte[16]));
        int bound = RecordBatchBuilder.batchSizeUpperBound(10, 1000, headers);
        for (long ts : new long[] {0L, Long.MAX_VALUE}) {
            RecordBatchBuilder builder = new RecordBatchBuilder(leaks.alloc(), Compression.none(), 0L, 64);
            builder.appendWithOffsetDelta(Integer.MAX_VALUE, ts, new byte[10], new byte[1000], headers);
            ByteBuf batch = builder.build();
            assertThat(batch.readableBytes()).isLessThanOrEqualTo(bound);
            batch.release();
        }
    }

    @Test
    void lifecycleIsEnforced() {
        RecordBatchBuilder empty = new RecordBatchBuilder(leaks.alloc(), Compression.lz4(), 0L, 64);
        assertThatThrownBy(empty::build).isInstanceOf(IllegalStateException.class).hasMessageContaining("empty");
        empty.release();
        empty.release(); // idempotent
        assertThatThrownBy(() -> empty.append(0L, (byte[]) null, null, null)).isInstanceOf(IllegalStateException.class);

        RecordBatchBuilder builder = new RecordBatchBuilder(leaks.alloc(), Compression.none(), 0L, 64);
        builder.append(0L, (byte[]) null, null, null);
        assertThatThrownBy(() -> builder.appendWithOffsetDelta(0, 0L, (byte[]) null, null, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder.append(-5L, (byte[]) null, null, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder.deleteHorizonMs(5L)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> builder.control(true)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> builder.appendControlRecord(0L, ControlRecordType.COMMIT, null))
                .isInstanceOf(IllegalStateException.class);
        assertThat(builder.recordCount()).isEqualTo(1);
        ByteBuf batch = builder.build();
        batch.release();
        assertThat(builder.isClosed()).isTrue();
        assertThatThrownBy(builder::build).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> builder.append(0L, (byte[]) null, null, null))
                .isInstanceOf(IllegalStateException.class);
        builder.release(); // no-op after build
        assertThat(builder.recordCount()).isEqualTo(1);
    }

    @Test
    void byteBufAndArrayAppendsEncodeIdentically() {
        byte[] key = "key".getBytes(StandardCharsets.UTF_8);
        byte[] value = TestData.text(3000, 1);
        List<Header> headers = List.of(new Header("h", null));
        RecordBatchBuilder arrays = new RecordBatchBuilder(leaks.alloc(), Compression.zstd(), 0L, 64);
        arrays.append(9L, key, value, headers);
        RecordBatchBuilder bufs = new RecordBatchBuilder(leaks.alloc(), Compression.zstd(), 0L, 64);
        ByteBuf keyBuf = leaks.direct(key);
        ByteBuf valueBuf = leaks.alloc().heapBuffer().writeZero(4).writeBytes(value).skipBytes(4);
        bufs.append(9L, keyBuf, valueBuf, headers);
        assertThat(valueBuf.readerIndex()).isEqualTo(4);
        ByteBuf a = arrays.build();
        ByteBuf b = bufs.build();
        try {
            assertThat(b).isEqualTo(a);
        } finally {
            a.release();
            b.release();
            keyBuf.release();
            valueBuf.release();
        }
    }

    @Test
    void producerStateAndLeaderEpochCanBeRewrittenOnAFinishedBatch() {
        RecordBatchBuilder builder = new RecordBatchBuilder(leaks.alloc(), Compression.snappy(), 0L, 64);
        SampleRecords.append(builder, SampleRecords.mixed(20, 1_000_000L, 9));
        ByteBuf batch = builder.build();
        try {
            RecordBatchFormat.rewriteProducerState(batch, 55L, (short) 2, 1000);
            RecordBatchFormat.setPartitionLeaderEpoch(batch, 12);
            try (RecordBatch read = new RecordBatchReader(batch, leaks.alloc(), true).next()) {
                assertThat(read.producerId()).isEqualTo(55L);
                assertThat(read.producerEpoch()).isEqualTo((short) 2);
                assertThat(read.baseSequence()).isEqualTo(1000);
                assertThat(read.lastSequence()).isEqualTo(1019);
                assertThat(read.partitionLeaderEpoch()).isEqualTo(12);
            }
            org.apache.kafka.common.record.RecordBatch kb = MemoryRecords.readableRecords(copy(batch))
                    .batches().iterator().next();
            kb.ensureValid();
            assertThat(kb.producerId()).isEqualTo(55L);
            assertThat(kb.partitionLeaderEpoch()).isEqualTo(12);
            ByteBuf notABatch = leaks.alloc().directBuffer().writeZero(30);
            assertThatThrownBy(() -> RecordBatchFormat.rewriteProducerState(notABatch, 1L, (short) 1, 1))
                    .isInstanceOf(IllegalArgumentException.class);
            notABatch.release();
        } finally {
            batch.release();
        }
    }

    @Test
    void sequenceArithmeticWrapsAsKafkasDoes() {
        assertThat(RecordBatch.sequenceAt(RecordBatchFormat.NO_SEQUENCE, 5)).isEqualTo(RecordBatchFormat.NO_SEQUENCE);
        assertThat(RecordBatch.sequenceAt(10, 5)).isEqualTo(15);
        assertThat(RecordBatch.sequenceAt(Integer.MAX_VALUE, 0)).isEqualTo(Integer.MAX_VALUE);
        assertThat(RecordBatch.sequenceAt(Integer.MAX_VALUE, 1)).isZero();
        assertThat(RecordBatch.sequenceAt(Integer.MAX_VALUE - 1, 3)).isEqualTo(1);
    }

    @Test
    void releasedBatchRefusesAccess() {
        RecordBatchBuilder builder = new RecordBatchBuilder(leaks.alloc(), Compression.gzip(), 0L, 64);
        builder.append(0L, (byte[]) null, new byte[] {1}, null);
        ByteBuf batch = builder.build();
        RecordBatch read = new RecordBatchReader(batch, leaks.alloc(), true).next();
        batch.release();
        read.iterator().next(); // decompresses into a buffer the batch owns
        read.release();
        read.release(); // idempotent
        assertThatThrownBy(read::iterator).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(read::ensureValid).isInstanceOf(IllegalStateException.class);
    }

    private static ByteBuffer copy(ByteBuf batch) {
        ByteBuffer src = batch.nioBuffer();
        return ByteBuffer.allocate(src.remaining()).put(src).flip();
    }
}
