package io.brook.protocol.record;

import io.brook.common.Header;
import static org.assertj.core.api.Assertions.assertThat;

import io.brook.protocol.compress.Compression;
import io.brook.protocol.compress.CompressionType;
import io.brook.protocol.compress.KafkaCodecs;
import io.brook.protocol.compress.LeakCheckingAllocator;
import io.brook.protocol.record.SampleRecords.Sample;
import io.netty.buffer.ByteBuf;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.record.MemoryRecords;
import org.apache.kafka.common.record.MemoryRecordsBuilder;
import org.apache.kafka.common.utils.ByteBufferOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Record batches against kafka-clients as the oracle: Brook writes, Kafka reads; Kafka writes, Brook reads. */
class KafkaRecordsInteropTest {
    private static final long BASE_OFFSET = 5_000_000_000L;
    private static final long PRODUCER_ID = 123_456_789L;
    private static final short EPOCH = 7;
    private static final int BASE_SEQUENCE = Integer.MAX_VALUE - 100; // sequences wrap inside the batch

    private final LeakCheckingAllocator leaks = new LeakCheckingAllocator();

    @AfterEach
    void noLeaks() {
        leaks.assertNoLeaks();
    }

    @ParameterizedTest
    @EnumSource(CompressionType.class)
    void kafkaReadsBrookBatches(CompressionType type) {
        List<Sample> samples = samples();
        RecordBatchBuilder builder = new RecordBatchBuilder(leaks.alloc(), Compression.of(type, null), BASE_OFFSET,
                4096).producerState(PRODUCER_ID, EPOCH, BASE_SEQUENCE).transactional(true).partitionLeaderEpoch(4);
        SampleRecords.append(builder, samples);
        ByteBuf batch = builder.build();
        ByteBuffer bytes;
        try {
            bytes = batch.nioBuffer().duplicate();
            bytes = ByteBuffer.allocate(bytes.remaining()).put(bytes).flip();
        } finally {
            batch.release();
        }

        MemoryRecords records = MemoryRecords.readableRecords(bytes);
        Iterator<? extends org.apache.kafka.common.record.RecordBatch> batches = records.batches().iterator();
        org.apache.kafka.common.record.RecordBatch kb = batches.next();
        assertThat(batches.hasNext()).isFalse();
        kb.ensureValid();
        assertThat(kb.magic()).isEqualTo((byte) 2);
        assertThat((int) kb.compressionType().id).isEqualTo(type.id());
        assertThat(kb.baseOffset()).isEqualTo(BASE_OFFSET);
        assertThat(kb.lastOffset()).isEqualTo(BASE_OFFSET + samples.size() - 1);
        assertThat(kb.producerId()).isEqualTo(PRODUCER_ID);
        assertThat(kb.producerEpoch()).isEqualTo(EPOCH);
        assertThat(kb.baseSequence()).isEqualTo(BASE_SEQUENCE);
        assertThat(kb.lastSequence()).isEqualTo(RecordBatch.sequenceAt(BASE_SEQUENCE, samples.size() - 1));
        assertThat(kb.isTransactional()).isTrue();
        assertThat(kb.isControlBatch()).isFalse();
        assertThat(kb.partitionLeaderEpoch()).isEqualTo(4);
        assertThat(kb.maxTimestamp()).isEqualTo(SampleRecords.maxTimestamp(samples));
        assertThat(kb.timestampType()).isEqualTo(org.apache.kafka.common.record.TimestampType.CREATE_TIME);
        assertThat(kb.countOrNull()).isEqualTo(samples.size());
        int i = 0;
        for (org.apache.kafka.common.record.Record kr : kb) {
            Sample s = samples.get(i);
            assertThat(kr.offset()).isEqualTo(BASE_OFFSET + i);
            assertThat(kr.sequence()).isEqualTo(RecordBatch.sequenceAt(BASE_SEQUENCE, i));
            assertThat(kr.timestamp()).isEqualTo(s.timestamp());
            assertThat(bytesOf(kr.key())).isEqualTo(s.key());
            assertThat(bytesOf(kr.value())).isEqualTo(s.value());
            List<Header> headers = new ArrayList<>();
            for (org.apache.kafka.common.header.Header h : kr.headers()) {
                headers.add(new Header(h.key(), h.value()));
            }
            assertThat(headers).isEqualTo(s.headers());
            i++;
        }
        assertThat(i).isEqualTo(samples.size());
    }

    @ParameterizedTest
    @EnumSource(CompressionType.class)
    void brookReadsKafkaBatches(CompressionType type) {
        List<Sample> samples = samples();
        MemoryRecordsBuilder kafka = new MemoryRecordsBuilder(new ByteBufferOutputStream(1024), (byte) 2,
                KafkaCodecs.of(type, null), org.apache.kafka.common.record.TimestampType.CREATE_TIME,
                BASE_OFFSET, org.apache.kafka.common.record.RecordBatch.NO_TIMESTAMP, PRODUCER_ID, EPOCH,
                BASE_SEQUENCE, true, false, 4, Integer.MAX_VALUE);
        for (Sample s : samples) {
            org.apache.kafka.common.header.Header[] headers = s.headers().stream()
                    .map(h -> new RecordHeader(h.key(), h.value()))
                    .toArray(org.apache.kafka.common.header.Header[]::new);
            kafka.append(s.timestamp(), s.key(), s.value(), headers);
        }
        ByteBuffer written = kafka.build().buffer();
        byte[] bytes = new byte[written.remaining()];
        written.get(bytes);

        for (ByteBuf records : List.of(leaks.direct(bytes), leaks.heap(bytes))) {
            try {
                RecordBatchReader reader = new RecordBatchReader(records, leaks.alloc(), true);
                try (RecordBatch batch = reader.next()) {
                    assertThat(reader.hasNext()).isFalse();
                    assertThat(batch.compressionType()).isEqualTo(type);
                    assertThat(batch.baseOffset()).isEqualTo(BASE_OFFSET);
                    assertThat(batch.producerId()).isEqualTo(PRODUCER_ID);
                    assertThat(batch.producerEpoch()).isEqualTo(EPOCH);
                    assertThat(batch.baseSequence()).isEqualTo(BASE_SEQUENCE);
                    assertThat(batch.isTransactional()).isTrue();
                    assertThat(batch.partitionLeaderEpoch()).isEqualTo(4);
                    assertThat(batch.maxTimestamp()).isEqualTo(SampleRecords.maxTimestamp(samples));
                    assertThat(batch.recordCount()).isEqualTo(samples.size());
                    int i = 0;
                    for (Record r : batch) {
                        SampleRecords.assertMatches(r, samples.get(i), BASE_OFFSET + i);
                        assertThat(r.sequence()).isEqualTo(RecordBatch.sequenceAt(BASE_SEQUENCE, i));
                        i++;
                    }
                    assertThat(i).isEqualTo(samples.size());
                }
            } finally {
                records.release();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(CompressionType.class)
    void logAppendTimeAndDeleteHorizonMeanTheSameToBoth(CompressionType type) {
        long logAppendTime = 1_800_000_000_000L;
        long deleteHorizon = 1_700_000_000_000L;
        MemoryRecordsBuilder kafka = new MemoryRecordsBuilder(new ByteBufferOutputStream(256), (byte) 2,
                KafkaCodecs.of(type, null), org.apache.kafka.common.record.TimestampType.LOG_APPEND_TIME,
                0L, logAppendTime, -1L, (short) -1, -1, false, false, -1, Integer.MAX_VALUE, deleteHorizon);
        kafka.append(1_700_000_000_100L, null, new byte[] {1});
        kafka.append(1_700_000_000_050L, null, new byte[] {2});
        ByteBuffer written = kafka.build().buffer();
        byte[] bytes = new byte[written.remaining()];
        written.get(bytes);
        ByteBuf records = leaks.direct(bytes);
        try (RecordBatch batch = new RecordBatchReader(records, leaks.alloc(), true).next()) {
            assertThat(batch.timestampType()).isEqualTo(TimestampType.LOG_APPEND_TIME);
            assertThat(batch.hasDeleteHorizon()).isTrue();
            assertThat(batch.deleteHorizonMs()).isEqualTo(deleteHorizon);
            assertThat(batch.maxTimestamp()).isEqualTo(logAppendTime);
            for (Record r : batch) {
                assertThat(r.timestamp()).isEqualTo(logAppendTime);
            }
        } finally {
            records.release();
        }

        RecordBatchBuilder builder = new RecordBatchBuilder(leaks.alloc(), Compression.of(type, null), 0L, 256)
                .deleteHorizonMs(deleteHorizon).logAppendTime(logAppendTime);
        builder.append(1_700_000_000_100L, (byte[]) null, new byte[] {1}, null);
        builder.append(1_700_000_000_050L, (byte[]) null, new byte[] {2}, null);
        ByteBuf batch = builder.build();
        try {
            org.apache.kafka.common.record.RecordBatch kb = MemoryRecords.readableRecords(copy(batch))
                    .batches().iterator().next();
            kb.ensureValid();
            assertThat(kb.timestampType()).isEqualTo(org.apache.kafka.common.record.TimestampType.LOG_APPEND_TIME);
            assertThat(kb.deleteHorizonMs()).hasValue(deleteHorizon);
            assertThat(kb.maxTimestamp()).isEqualTo(logAppendTime);
            for (org.apache.kafka.common.record.Record kr : kb) {
                assertThat(kr.timestamp()).isEqualTo(logAppendTime);
            }
        } finally {
            batch.release();
        }
    }

    /** Mixed records plus fields at varint/varlong size boundaries. */
    private static List<Sample> samples() {
        List<Sample> samples = new ArrayList<>(SampleRecords.mixed(1500, 1_600_000_000_000L, 3));
        samples.addAll(VarintBoundaries.samples(1_600_000_000_000L));
        return samples;
    }

    private static ByteBuffer copy(ByteBuf batch) {
        ByteBuffer src = batch.nioBuffer();
        return ByteBuffer.allocate(src.remaining()).put(src).flip();
    }

    private static byte[] bytesOf(ByteBuffer b) {
        if (b == null) {
            return null;
        }
        byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return out;
    }
}
