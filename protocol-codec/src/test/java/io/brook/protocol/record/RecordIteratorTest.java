package io.brook.protocol.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.brook.protocol.compress.Compression;
import io.brook.protocol.compress.LeakCheckingAllocator;
import io.brook.protocol.record.SampleRecords.Sample;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Record parsing through the iterator's unchecked view: memory kinds, release, and the lazily made views. */
class RecordIteratorTest {
    private final LeakCheckingAllocator leaks = new LeakCheckingAllocator();

    @AfterEach
    void noLeaks() {
        leaks.assertNoLeaks();
    }

    /** The view is a slice of a direct buffer's memory, a wrapped heap array, or a copy of a composite's parts. */
    @ParameterizedTest
    @ValueSource(strings = {"direct", "heap", "composite"})
    void recordsReadTheSameFromEveryKindOfBuffer(String kind) {
        List<Sample> samples = SampleRecords.mixed(200, 1_700_000_000_000L, 7);
        byte[] bytes = encode(samples);
        ByteBuf records = switch (kind) {
            case "direct" -> leaks.direct(bytes);
            case "heap" -> leaks.heap(bytes);
            default -> leaks.composite(bytes, bytes.length / 2); // splits a record
        };
        try (RecordBatch batch = new RecordBatchReader(records, leaks.alloc(), true).next()) {
            Iterator<Record> it = batch.iterator();
            for (int i = 0; i < samples.size(); i++) {
                SampleRecords.assertMatches(it.next(), samples.get(i), 40L + i);
            }
            assertThat(it.hasNext()).isFalse();
        } finally {
            records.release();
        }
    }

    @Test
    void aReleasedBatchIsNotReadFurther() {
        ByteBuf records = leaks.direct(encode(SampleRecords.mixed(3, 1_700_000_000_000L, 1)));
        try {
            RecordBatch batch = new RecordBatchReader(records, leaks.alloc(), true).next();
            Iterator<Record> it = batch.iterator();
            it.next();
            batch.release();
            assertThat(it.hasNext()).isTrue();
            assertThatThrownBy(it::next)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("offset 40 was released");
        } finally {
            records.release();
        }
    }

    @Test
    void eachCallGivesAFreshViewOfTheSameBytes() {
        byte[] key = {1, 2, 3};
        byte[] value = {4, 5, 6, 7};
        RecordBatchBuilder builder = new RecordBatchBuilder(leaks.alloc(), Compression.none(), 40L, 64);
        builder.append(5L, key, value, null);
        ByteBuf records = builder.build();
        try (RecordBatch batch = new RecordBatchReader(records, leaks.alloc(), true).next()) {
            Record record = batch.iterator().next();
            record.key().skipBytes(2);
            record.value().readByte();
            assertThat(ByteBufUtil.getBytes(record.key())).isEqualTo(key);
            assertThat(ByteBufUtil.getBytes(record.value())).isEqualTo(value);
            assertThat(record.keySize()).isEqualTo(3);
            assertThat(record.valueSize()).isEqualTo(4);
        } finally {
            records.release();
        }
    }

    /** One batch at offset 40 of {@code samples}, uncompressed, as bytes. */
    private byte[] encode(List<Sample> samples) {
        RecordBatchBuilder builder = new RecordBatchBuilder(leaks.alloc(), Compression.none(), 40L, 1024);
        SampleRecords.append(builder, samples);
        ByteBuf batch = builder.build();
        try {
            return ByteBufUtil.getBytes(batch);
        } finally {
            batch.release();
        }
    }
}
