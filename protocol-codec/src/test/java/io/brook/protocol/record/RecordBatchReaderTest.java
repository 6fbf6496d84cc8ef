package io.brook.protocol.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.brook.common.errors.CorruptRecordException;
import io.brook.protocol.compress.Compression;
import io.brook.protocol.compress.LeakCheckingAllocator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.CompositeByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RecordBatchReaderTest {
    private final LeakCheckingAllocator leaks = new LeakCheckingAllocator();

    @AfterEach
    void noLeaks() {
        leaks.assertNoLeaks();
    }

    @Test
    void emptyRecordsHaveNoBatches() {
        ByteBuf empty = leaks.alloc().directBuffer(0);
        try {
            RecordBatchReader reader = new RecordBatchReader(empty, leaks.alloc(), true);
            assertThat(reader.hasNext()).isFalse();
            assertThat(reader.partialTrailingBytes()).isZero();
            assertThatThrownBy(reader::next).isInstanceOf(NoSuchElementException.class);
        } finally {
            empty.release();
        }
    }

    @Test
    void readsConsecutiveBatchesOfMixedCodecsInOrder() {
        ByteBuf records = threeBatches();
        try {
            List<Long> offsets = new ArrayList<>();
            RecordBatchReader reader = new RecordBatchReader(records, leaks.alloc(), true);
            while (reader.hasNext()) {
                try (RecordBatch batch = reader.next()) {
                    for (Record r : batch) {
                        offsets.add(r.offset());
                        assertThat(new String(r.valueBytes(), StandardCharsets.UTF_8)).isEqualTo("v" + r.offset());
                    }
                }
            }
            assertThat(offsets).containsExactly(0L, 1L, 2L, 10L, 11L, 20L);
            assertThat(reader.bytesRead()).isEqualTo(records.readableBytes());
            assertThat(records.readerIndex()).isZero();
        } finally {
            records.release();
        }
    }

    @Test
    void truncatedTrailingBatchIsSkippedAtEveryCut() {
        ByteBuf full = threeBatches();
        try {
            int lastStart = batchStarts(full).get(2);
            for (int cut = lastStart; cut < full.readableBytes(); cut++) {
                ByteBuf truncated = full.retainedSlice(0, cut);
                try {
                    RecordBatchReader reader = new RecordBatchReader(truncated, leaks.alloc(), true);
                    int batches = 0;
                    while (reader.hasNext()) {
                        reader.next().release();
                        batches++;
                    }
                    assertThat(batches).as("cut at %d", cut).isEqualTo(2);
                    assertThat(reader.partialTrailingBytes()).isEqualTo(cut - lastStart);
                } finally {
                    truncated.release();
                }
            }
        } finally {
            full.release();
        }
    }

    @Test
    void onlyAPartialBatchYieldsNothingButReportsItsBytes() {
        ByteBuf full = threeBatches();
        ByteBuf partial = full.retainedSlice(0, 40);
        full.release();
        try {
            RecordBatchReader reader = new RecordBatchReader(partial, leaks.alloc(), true);
            assertThat(reader.hasNext()).isFalse();
            assertThat(reader.partialTrailingBytes()).isEqualTo(40);
        } finally {
            partial.release();
        }
    }

    @Test
    void batchesOutliveTheRecordsBufferAndReadFromComposites() {
        byte[] bytes;
        ByteBuf records = threeBatches();
        try {
            bytes = ByteBufUtil.getBytes(records);
        } finally {
            records.release();
        }
        // Split the three batches across components at awkward places, mid-header and mid-record.
        CompositeByteBuf composite = leaks.alloc().compositeDirectBuffer();
        int[] splits = {0, 30, 100, bytes.length - 5, bytes.length};
        for (int i = 0; i + 1 < splits.length; i++) {
            composite.addComponent(true, leaks.direct(java.util.Arrays.copyOfRange(bytes, splits[i], splits[i + 1])));
        }
        List<RecordBatch> batches = new ArrayList<>();
        RecordBatchReader reader = new RecordBatchReader(composite, leaks.alloc(), true);
        while (reader.hasNext()) {
            batches.add(reader.next());
        }
        composite.release();
        List<Long> offsets = new ArrayList<>();
        for (RecordBatch b : batches) {
            for (Record r : b) {
                offsets.add(r.offset());
            }
            b.release();
        }
        assertThat(offsets).containsExactly(0L, 1L, 2L, 10L, 11L, 20L);
    }

    @ParameterizedTest
    @ValueSource(ints = {RecordBatchFormat.ATTRIBUTES_OFFSET, 30, 61, 70, -1})
    void corruptionIsReportedWithTheBatchOffset(int position) {
        ByteBuf records = threeBatches();
        try {
            int second = batchStarts(records).get(1);
            int third = batchStarts(records).get(2);
            int at = position < 0 ? third - 1 : second + position;
            records.setByte(at, records.getByte(at) ^ 0x10);
            RecordBatchReader reader = new RecordBatchReader(records, leaks.alloc(), true);
            reader.next().release();
            assertThatThrownBy(reader::next)
                    .isInstanceOf(CorruptRecordException.class)
                    .hasMessageContaining("offset 10")
                    .hasMessageContaining("CRC");
            // The reader stays at the bad batch.
            assertThatThrownBy(reader::next).isInstanceOf(CorruptRecordException.class);
        } finally {
            records.release();
        }
    }

    @Test
    void withoutCrcChecksDamageSurfacesWhenRecordsAreRead() {
        ByteBuf records = threeBatches();
        try {
            int second = batchStarts(records).get(1);
            // Damage the compressed payload of the gzip batch (it is the second).
            int at = second + RecordBatchFormat.HEADER_SIZE + 12;
            records.setByte(at, records.getByte(at) ^ 0xff);
            RecordBatchReader reader = new RecordBatchReader(records, leaks.alloc(), false);
            reader.next().release();
            try (RecordBatch damaged = reader.next()) {
                assertThat(damaged.isValid()).isFalse();
                assertThatThrownBy(() -> damaged.iterator().next())
                        .isInstanceOf(CorruptRecordException.class)
                        .hasMessageContaining("offset 10");
            }
        } finally {
            records.release();
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1})
    void legacyMagicIsRejectedWithATypedError(int magic) {
        // A magic 0/1 message set entry: offset, size, crc, magic, attributes, [timestamp], key, value.
        ByteBuf legacy = leaks.alloc().directBuffer();
        try {
            legacy.writeLong(42L);
            int sizeIndex = legacy.writerIndex();
            legacy.writeInt(0).writeInt(0).writeByte(magic).writeByte(0);
            if (magic == 1) {
                legacy.writeLong(1234L);
            }
            legacy.writeInt(-1).writeInt(5).writeBytes("hello".getBytes(StandardCharsets.UTF_8));
            legacy.setInt(sizeIndex, legacy.writerIndex() - RecordBatchFormat.LOG_OVERHEAD);
            RecordBatchReader reader = new RecordBatchReader(legacy, leaks.alloc(), true);
            assertThatThrownBy(reader::hasNext)
                    .isInstanceOfSatisfying(UnsupportedRecordFormatException.class, e -> {
                        assertThat(e.magic()).isEqualTo((byte) magic);
                        assertThat(e.baseOffset()).isEqualTo(42L);
                    })
                    .hasMessageContaining("magic " + magic)
                    .hasMessageContaining("v2");
        } finally {
            legacy.release();
        }
    }

    @Test
    void impossibleLengthsAndCountsAreCorrupt() {
        ByteBuf records = threeBatches();
        try {
            ByteBuf tooShort = records.copy(0, 80);
            tooShort.setInt(RecordBatchFormat.LENGTH_OFFSET, 3);
            ByteBuf smallerThanHeader = records.copy(0, 80);
            smallerThanHeader.setInt(RecordBatchFormat.LENGTH_OFFSET, 40);
            ByteBuf negativeCount = records.copy(0, batchStarts(records).get(1));
            negativeCount.setInt(RecordBatchFormat.RECORD_COUNT_OFFSET, -2);
            ByteBuf hugeCount = records.copy(0, batchStarts(records).get(1));
            hugeCount.setInt(RecordBatchFormat.RECORD_COUNT_OFFSET, 1_000_000);
            ByteBuf unknownCodec = records.copy(0, batchStarts(records).get(1));
            unknownCodec.setShort(RecordBatchFormat.ATTRIBUTES_OFFSET, 6);
            for (ByteBuf bad : List.of(tooShort, smallerThanHeader, negativeCount, hugeCount, unknownCodec)) {
                try {
                    RecordBatchReader reader = new RecordBatchReader(bad, leaks.alloc(), false);
                    assertThatThrownBy(() -> reader.next().release())
                            .isInstanceOf(CorruptRecordException.class)
                            .hasMessageContaining("offset 0");
                } finally {
                    bad.release();
                }
            }
        } finally {
            records.release();
        }
    }

    @Test
    void malformedRecordsAreCorruptNamingTheBatch() {
        // One uncompressed record at offset 300: length varint at byte 61, then its body.
        assertRecordCorruption(b -> b.setByte(61, 0x7e), "claims");               // body size 63 > bytes left
        assertRecordCorruption(b -> b.setByte(61, b.getByte(61) - 4), "value length"); // body ends mid-value
        assertRecordCorruption(b -> b.setInt(RecordBatchFormat.RECORD_COUNT_OFFSET, 2), "malformed"); // no 2nd
        assertRecordCorruption(b -> b.setByte(b.writerIndex() - 1, 0x7f), "header count"); // -64 headers
    }

    @Test
    void bytesAfterTheLastRecordAreCorrupt() {
        RecordBatchBuilder builder = new RecordBatchBuilder(leaks.alloc(), Compression.none(), 300L, 64);
        builder.append(5L, new byte[] {1}, new byte[] {2}, null);
        builder.append(5L, new byte[] {3}, new byte[] {4}, null);
        ByteBuf batch = builder.build();
        try {
            batch.setInt(RecordBatchFormat.RECORD_COUNT_OFFSET, 1);
            fixCrc(batch);
            try (RecordBatch read = new RecordBatchReader(batch, leaks.alloc(), true).next()) {
                assertThatThrownBy(() -> read.iterator().next())
                        .isInstanceOf(CorruptRecordException.class)
                        .hasMessageContaining("offset 300")
                        .hasMessageContaining("bytes follow its 1 records");
            }
        } finally {
            batch.release();
        }
    }

    private void assertRecordCorruption(java.util.function.Consumer<ByteBuf> damage, String message) {
        RecordBatchBuilder builder = new RecordBatchBuilder(leaks.alloc(), Compression.none(), 300L, 64);
        builder.append(5L, new byte[] {1, 2, 3}, new byte[] {4, 5, 6, 7}, null);
        ByteBuf batch = builder.build();
        try {
            damage.accept(batch);
            fixCrc(batch);
            try (RecordBatch read = new RecordBatchReader(batch, leaks.alloc(), true).next()) {
                assertThatThrownBy(() -> read.forEach(r -> { }))
                        .isInstanceOf(CorruptRecordException.class)
                        .hasMessageContaining("offset 300")
                        .hasMessageContaining(message);
            }
        } finally {
            batch.release();
        }
    }

    private static void fixCrc(ByteBuf batch) {
        batch.setInt(RecordBatchFormat.CRC_OFFSET,
                (int) RecordBatchFormat.checksum(batch, 0, batch.readableBytes()));
    }

    /** Batches at offsets 0 (uncompressed, 3 records), 10 (gzip, 2) and 20 (lz4, 1), concatenated. */
    private ByteBuf threeBatches() {
        ByteBuf all = leaks.alloc().directBuffer();
        long[][] layout = {{0, 3}, {10, 2}, {20, 1}};
        Compression[] codecs = {Compression.none(), Compression.gzip(), Compression.lz4()};
        for (int b = 0; b < 3; b++) {
            RecordBatchBuilder builder = new RecordBatchBuilder(leaks.alloc(), codecs[b], layout[b][0], 256);
            for (int i = 0; i < layout[b][1]; i++) {
                long offset = layout[b][0] + i;
                builder.append(1000L + i, ("k" + offset).getBytes(StandardCharsets.UTF_8),
                        ("v" + offset).getBytes(StandardCharsets.UTF_8), null);
            }
            ByteBuf batch = builder.build();
            all.writeBytes(batch);
            batch.release();
        }
        return all;
    }

    private static List<Integer> batchStarts(ByteBuf records) {
        List<Integer> starts = new ArrayList<>();
        for (int pos = 0; pos < records.writerIndex();
                pos += records.getInt(pos + RecordBatchFormat.LENGTH_OFFSET) + RecordBatchFormat.LOG_OVERHEAD) {
            starts.add(pos);
        }
        return starts;
    }
}
