package io.brook.protocol.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.brook.common.errors.CorruptRecordException;
import io.brook.protocol.compress.Compression;
import io.brook.protocol.compress.LeakCheckingAllocator;
import io.netty.buffer.ByteBuf;
import java.nio.ByteBuffer;
import java.util.Iterator;
import org.apache.kafka.common.record.MemoryRecords;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ControlBatchTest {
    private final LeakCheckingAllocator leaks = new LeakCheckingAllocator();

    @AfterEach
    void noLeaks() {
        leaks.assertNoLeaks();
    }

    @ParameterizedTest
    @EnumSource(value = ControlRecordType.class, names = {"COMMIT", "ABORT"})
    void transactionMarkerRoundTripsAndKafkaAgrees(ControlRecordType type) {
        EndTransactionMarker marker = new EndTransactionMarker(type, 17);
        ByteBuf batch = marker.writeBatch(leaks.alloc(), 900L, 1_700_000_000_000L, 3, 4242L, (short) 5);
        try {
            try (RecordBatch read = new RecordBatchReader(batch, leaks.alloc(), true).next()) {
                assertThat(read.isControl()).isTrue();
                assertThat(read.isTransactional()).isTrue();
                assertThat(read.producerId()).isEqualTo(4242L);
                assertThat(read.producerEpoch()).isEqualTo((short) 5);
                assertThat(read.baseSequence()).isEqualTo(RecordBatchFormat.NO_SEQUENCE);
                assertThat(read.partitionLeaderEpoch()).isEqualTo(3);
                Iterator<Record> it = read.iterator();
                Record record = it.next();
                assertThat(it.hasNext()).isFalse();
                assertThat(record.offset()).isEqualTo(900L);
                assertThat(ControlRecordType.of(record)).isEqualTo(type);
                assertThat(EndTransactionMarker.read(record)).isEqualTo(marker);
            }
            org.apache.kafka.common.record.RecordBatch kb = MemoryRecords.readableRecords(copy(batch))
                    .batches().iterator().next();
            kb.ensureValid();
            assertThat(kb.isControlBatch()).isTrue();
            assertThat(kb.isTransactional()).isTrue();
            org.apache.kafka.common.record.Record kr = kb.iterator().next();
            org.apache.kafka.common.record.EndTransactionMarker km =
                    org.apache.kafka.common.record.EndTransactionMarker.deserialize(kr);
            assertThat(km.controlType().name()).isEqualTo(type.name());
            assertThat(km.coordinatorEpoch()).isEqualTo(17);
        } finally {
            batch.release();
        }
    }

    @ParameterizedTest
    @EnumSource(value = ControlRecordType.class, names = {"COMMIT", "ABORT"})
    void brookReadsKafkasTransactionMarkers(ControlRecordType type) {
        org.apache.kafka.common.record.EndTransactionMarker km = new org.apache.kafka.common.record.EndTransactionMarker(
                org.apache.kafka.common.record.ControlRecordType.valueOf(type.name()), 31);
        ByteBuffer bb = MemoryRecords.withEndTransactionMarker(77L, 1_700_000_000_000L, 8, 999L, (short) 4, km)
                .buffer();
        byte[] bytes = new byte[bb.remaining()];
        bb.get(bytes);
        ByteBuf records = leaks.direct(bytes);
        try (RecordBatch read = new RecordBatchReader(records, leaks.alloc(), true).next()) {
            assertThat(read.isControl()).isTrue();
            assertThat(read.isTransactional()).isTrue();
            assertThat(read.baseOffset()).isEqualTo(77L);
            assertThat(read.producerId()).isEqualTo(999L);
            assertThat(read.partitionLeaderEpoch()).isEqualTo(8);
            Record record = read.iterator().next();
            EndTransactionMarker marker = EndTransactionMarker.read(record);
            assertThat(marker.type()).isEqualTo(type);
            assertThat(marker.isCommit()).isEqualTo(type == ControlRecordType.COMMIT);
            assertThat(marker.coordinatorEpoch()).isEqualTo(31);
        } finally {
            records.release();
        }
    }

    @Test
    void unknownTypesNewerKeyVersionsAndMalformedKeys() {
        RecordBatchBuilder builder = new RecordBatchBuilder(leaks.alloc(), Compression.gzip(), 0L, 64).control(true);
        builder.appendControlRecord(1L, ControlRecordType.LEADER_CHANGE, new byte[] {0, 0});
        builder.appendControlRecord(2L, ControlRecordType.COMMIT, new byte[] {0, 0, 0, 0, 0, 1});
        assertThatThrownBy(() -> builder.append(3L, (byte[]) null, new byte[1], null))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> builder.appendControlRecord(3L, ControlRecordType.UNKNOWN, null))
                .isInstanceOf(IllegalArgumentException.class);
        ByteBuf batch = builder.build();
        try (RecordBatch read = new RecordBatchReader(batch, leaks.alloc(), true).next()) {
            Iterator<Record> it = read.iterator();
            Record leaderChange = it.next();
            assertThat(ControlRecordType.of(leaderChange)).isEqualTo(ControlRecordType.LEADER_CHANGE);
            assertThatThrownBy(() -> EndTransactionMarker.read(leaderChange))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThat(EndTransactionMarker.read(it.next()).coordinatorEpoch()).isEqualTo(1);
        } finally {
            batch.release();
        }
        assertThat(ControlRecordType.forId((short) 99)).isEqualTo(ControlRecordType.UNKNOWN);
        assertThat(ControlRecordType.forId((short) -1)).isEqualTo(ControlRecordType.UNKNOWN);

        // Key version 3 with a known type still parses; a 2-byte key does not.
        RecordBatchBuilder raw = new RecordBatchBuilder(leaks.alloc(), Compression.none(), 0L, 64);
        raw.append(0L, new byte[] {0, 3, 0, 1, 9, 9}, new byte[] {0, 1, 0, 0, 0, 7, 5}, null);
        raw.append(0L, new byte[] {0, 0}, null, null);
        ByteBuf rawBatch = raw.build();
        try (RecordBatch read = new RecordBatchReader(rawBatch, leaks.alloc(), true).next()) {
            Iterator<Record> it = read.iterator();
            assertThat(EndTransactionMarker.read(it.next())).isEqualTo(
                    new EndTransactionMarker(ControlRecordType.COMMIT, 7));
            Record shortKey = it.next();
            assertThatThrownBy(() -> ControlRecordType.of(shortKey))
                    .isInstanceOf(CorruptRecordException.class)
                    .hasMessageContaining("offset 1");
        } finally {
            rawBatch.release();
        }
        assertThatThrownBy(() -> new EndTransactionMarker(ControlRecordType.LEADER_CHANGE, 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static ByteBuffer copy(ByteBuf batch) {
        ByteBuffer src = batch.nioBuffer();
        return ByteBuffer.allocate(src.remaining()).put(src).flip();
    }
}
