package io.brook.producer.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.brook.common.Header;
import io.brook.producer.RecordMetadata;
import io.brook.protocol.compress.Compression;
import io.brook.protocol.record.Record;
import io.brook.protocol.record.RecordBatch;
import io.brook.protocol.record.RecordBatchBuilder;
import io.brook.protocol.record.RecordBatchReader;
import io.netty.buffer.PooledByteBufAllocator;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ProducerBatchTest {
    private static final long T0 = 1_700_000_000_000L;
    private final BatchBuffers buffers = new BatchBuffers(PooledByteBufAllocator.DEFAULT, 1024, 1);

    @AfterEach
    void freeRecycledBuffers() {
        buffers.close();
    }

    private ProducerBatch batch(int expected) {
        TopicState topic = new TopicState("t");
        PartitionQueue queue = RecordAccumulator.newQueue(topic, 3);
        RecordBatchBuilder builder = new RecordBatchBuilder(PooledByteBufAllocator.DEFAULT, Compression.none(), 0,
                1024);
        return new ProducerBatch(queue, builder, buffers, 1024, 0, expected);
    }

    @Test
    void everyRecordKeepsItsTimestampWhetherSameCloseOrFarApart() {
        ProducerBatch b = batch(2);
        long[] timestamps = {T0, T0, T0 + 5, T0, T0 + 3_000_000_000L, T0 - 1, T0};
        List<CompletableFuture<RecordMetadata>> futures = new ArrayList<>();
        for (long ts : timestamps) {
            CompletableFuture<RecordMetadata> f = new CompletableFuture<>();
            futures.add(f);
            assertThat(b.tryAppend(1 << 20, ts, null, "v".getBytes(StandardCharsets.UTF_8), List.of(), f))
                    .isPositive();
        }
        for (int i = 0; i < timestamps.length; i++) {
            assertThat(b.timestampAt(i)).as("record %d", i).isEqualTo(timestamps[i]);
        }
        b.finish();
        b.completeRecords(100, -1);
        for (int i = 0; i < timestamps.length; i++) {
            assertThat(futures.get(i).join()).isEqualTo(new RecordMetadata("t", 3, 100 + i, timestamps[i]));
        }
        assertThat(b.done).isCompleted();
        assertThat(b.releaseBuffer()).isEqualTo(1024);
        assertThat(b.releaseBuffer()).as("released once").isZero();
    }

    @Test
    void theBrokersAppendTimeReplacesTheRecordsTimestamps() {
        ProducerBatch b = batch(4);
        CompletableFuture<RecordMetadata> f = new CompletableFuture<>();
        b.tryAppend(1 << 20, T0, null, null, List.of(), f);
        b.finish();
        b.completeRecords(7, T0 + 99);
        assertThat(f.join().timestamp()).isEqualTo(T0 + 99);
        b.releaseBuffer();
    }

    @Test
    void aRecordThatDoesNotFitClosesTheBatchForAppends() {
        ProducerBatch b = batch(4);
        byte[] value = new byte[400];
        assertThat(b.tryAppend(1000, T0, null, value, List.of(), new CompletableFuture<>())).isPositive();
        assertThat(b.tryAppend(1000, T0, null, value, List.of(), new CompletableFuture<>())).isPositive();
        assertThat(b.tryAppend(1000, T0, null, value, List.of(), new CompletableFuture<>())).isEqualTo(-1);
        assertThat(b.isClosedForAppends()).isTrue();
        assertThat(b.tryAppend(1000, T0, null, new byte[1], List.of(), new CompletableFuture<>())).isEqualTo(-1);
        assertThat(b.recordCount()).isEqualTo(2);
        b.releaseBuffer();
    }

    @Test
    void theBuiltBatchCarriesTheProducerStateAndEveryRecord() {
        ProducerBatch b = batch(4);
        for (int i = 0; i < 3; i++) {
            b.tryAppend(1 << 20, T0 + i, ("k" + i).getBytes(StandardCharsets.UTF_8),
                    ("v" + i).getBytes(StandardCharsets.UTF_8), List.of(Header.of("h", "x" + i)),
                    new CompletableFuture<>());
        }
        b.build(42, (short) 3, 17, false);
        assertThat(b.lastSequence()).isEqualTo(19);
        try (RecordBatch read = new RecordBatchReader(b.buffer().duplicate(), PooledByteBufAllocator.DEFAULT, true)
                .next()) {
            assertThat(read.producerId()).isEqualTo(42);
            assertThat(read.producerEpoch()).isEqualTo((short) 3);
            assertThat(read.baseSequence()).isEqualTo(17);
            List<String> values = new ArrayList<>();
            for (Record r : read) {
                values.add(new String(r.valueBytes(), StandardCharsets.UTF_8) + "@" + r.timestamp());
            }
            assertThat(values).containsExactly("v0@" + T0, "v1@" + (T0 + 1), "v2@" + (T0 + 2));
        }
        b.rewriteProducerState(42, (short) 4, 0);
        try (RecordBatch read = new RecordBatchReader(b.buffer().duplicate(), PooledByteBufAllocator.DEFAULT, true)
                .next()) {
            assertThat(read.producerEpoch()).isEqualTo((short) 4);
            assertThat(read.baseSequence()).isZero();
        }
        b.releaseBuffer();
    }

    @Test
    void sequencesWrapAtIntegerMaxValueAsBrokersCountThem() {
        assertThat(Sequences.add(Integer.MAX_VALUE, 1)).isZero();
        assertThat(Sequences.add(Integer.MAX_VALUE - 2, 5)).isEqualTo(2);
        assertThat(Sequences.add(5, 3)).isEqualTo(8);
    }
}
