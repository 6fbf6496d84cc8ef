package io.brook.consumer.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.brook.common.Deserializers;
import io.brook.common.Header;
import io.brook.common.TopicPartition;
import io.brook.common.errors.CorruptRecordException;
import io.brook.common.errors.RecordTooLargeException;
import io.brook.common.errors.SerializationException;
import io.brook.consumer.ConsumerRecord;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.record.ControlRecordType;
import org.apache.kafka.common.record.EndTransactionMarker;
import org.apache.kafka.common.record.MemoryRecords;
import org.apache.kafka.common.record.MemoryRecordsBuilder;
import org.apache.kafka.common.record.RecordBatch;
import org.apache.kafka.common.record.SimpleRecord;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Fetched data written by kafka-clients, handed out record by record as poll() asks. */
class CompletedFetchTest {
    private static final TopicPartition TP = new TopicPartition("orders", 3);
    private static final ByteBufAllocator ALLOC = PooledByteBufAllocator.DEFAULT;

    static Stream<String> codecs() {
        return Stream.of("none", "gzip", "snappy", "lz4", "zstd");
    }

    private static Compression compression(String name) {
        return switch (name) {
            case "gzip" -> Compression.gzip().build();
            case "snappy" -> Compression.snappy().build();
            case "lz4" -> Compression.lz4().build();
            case "zstd" -> Compression.zstd().build();
            default -> Compression.NONE;
        };
    }

    /** Batches of {@code perBatch} records from {@code base}, written by kafka-clients, in one pooled buffer. */
    private static ByteBuf batches(String codec, long base, int batches, int perBatch) {
        ByteBuffer all = ByteBuffer.allocate(1 << 20);
        long offset = base;
        for (int b = 0; b < batches; b++) {
            MemoryRecordsBuilder builder = MemoryRecords.builder(ByteBuffer.allocate(64 * 1024),
                    RecordBatch.CURRENT_MAGIC_VALUE, compression(codec), TimestampType.CREATE_TIME, offset,
                    1_000L, RecordBatch.NO_PRODUCER_ID, RecordBatch.NO_PRODUCER_EPOCH, RecordBatch.NO_SEQUENCE, false,
                    7);
            for (int i = 0; i < perBatch; i++) {
                long o = offset + i;
                builder.append(new SimpleRecord(1_000L + o, o % 5 == 0 ? null : ("k" + o).getBytes(),
                        o % 7 == 0 ? null : ("value-" + o).getBytes(),
                        new org.apache.kafka.common.header.Header[] {new RecordHeader("h", ("x" + o).getBytes())}));
            }
            all.put(builder.build().buffer());
            offset += perBatch;
        }
        all.flip();
        ByteBuf buf = ALLOC.directBuffer(all.remaining());
        buf.writeBytes(all);
        return buf;
    }

    private static PartitionState fetching() {
        PartitionState ps = new PartitionState(TP, PartitionState.Phase.FETCHING, ResetStrategy.EARLIEST);
        ps.position = 0;
        return ps;
    }

    @ParameterizedTest
    @MethodSource("codecs")
    void handsOutEveryRecordAFewAtATimeWithKeysValuesHeadersAndEpoch(String codec) {
        PartitionState ps = fetching();
        CompletedFetch fetch = new CompletedFetch(ps, ps.version, 0, batches(codec, 0, 4, 25), ALLOC, true, null);
        try {
            assertThat(fetch.nextFetchOffset).isEqualTo(100);
            List<ConsumerRecord<String, String>> out = new ArrayList<>();
            while (!fetch.isDrained()) {
                int before = out.size();
                fetch.drain(out, 13, Deserializers.string(), Deserializers.string());
                assertThat(out.size() - before).isLessThanOrEqualTo(13);
                assertThat(fetch.nextPosition()).isEqualTo(out.isEmpty() ? 0 : out.get(out.size() - 1).offset() + 1);
            }
            assertThat(out).hasSize(100);
            for (int i = 0; i < 100; i++) {
                ConsumerRecord<String, String> r = out.get(i);
                assertThat(r.offset()).isEqualTo(i);
                assertThat(r.topic()).isEqualTo("orders");
                assertThat(r.partition()).isEqualTo(3);
                assertThat(r.timestamp()).isEqualTo(1_000L + i);
                assertThat(r.key()).isEqualTo(i % 5 == 0 ? null : "k" + i);
                assertThat(r.value()).isEqualTo(i % 7 == 0 ? null : "value-" + i);
                assertThat(r.headers()).containsExactly(Header.of("h", "x" + i));
                assertThat(r.leaderEpoch()).isEqualTo(7);
            }
            assertThat(fetch.lastEpoch()).isEqualTo(7);
        } finally {
            fetch.release();
        }
    }

    @Test
    void recordsBeforeTheFetchOffsetInsideABatchAreSkipped() {
        PartitionState ps = fetching();
        CompletedFetch fetch = new CompletedFetch(ps, ps.version, 37, batches("lz4", 0, 2, 25), ALLOC, true, null);
        try {
            List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
            fetch.drain(out, 500, Deserializers.bytes(), Deserializers.bytes());
            assertThat(out).extracting(ConsumerRecord::offset).first().isEqualTo(37L);
            assertThat(out).hasSize(13);
            assertThat(fetch.isDrained()).isTrue();
            assertThat(fetch.nextPosition()).isEqualTo(50);
        } finally {
            fetch.release();
        }
    }

    @Test
    void controlBatchesAreSkippedAndAbortedTransactionsLeftOutForReadCommitted() {
        ByteBuffer all = ByteBuffer.allocate(64 * 1024);
        long pid = 99;
        // offsets 0-2 aborted transaction, 3 abort marker, 4-5 committed transaction, 6 commit marker, 7 plain
        all.put(transactional(0, pid, "a0", "a1", "a2").buffer());
        all.put(MemoryRecords.withEndTransactionMarker(3, 1_000L, 7, pid, (short) 0,
                new EndTransactionMarker(ControlRecordType.ABORT, 0)).buffer());
        all.put(transactional(4, pid, "c4", "c5").buffer());
        all.put(MemoryRecords.withEndTransactionMarker(6, 1_000L, 7, pid, (short) 0,
                new EndTransactionMarker(ControlRecordType.COMMIT, 0)).buffer());
        all.put(MemoryRecords.withRecords(7, Compression.NONE, new SimpleRecord(1_000L, null, "p7".getBytes()))
                .buffer());
        all.flip();

        PartitionState ps = fetching();
        ByteBuf committedView = ALLOC.directBuffer(all.remaining()).writeBytes(all.duplicate());
        CompletedFetch readCommitted = new CompletedFetch(ps, ps.version, 0, committedView, ALLOC, true,
                new AbortedTransactions(List.of(new AbortedTransactions.Aborted(pid, 0))));
        ByteBuf uncommittedView = ALLOC.directBuffer(all.remaining()).writeBytes(all.duplicate());
        CompletedFetch readUncommitted = new CompletedFetch(ps, ps.version, 0, uncommittedView, ALLOC, true, null);
        try {
            List<ConsumerRecord<String, String>> committed = new ArrayList<>();
            readCommitted.drain(committed, 500, Deserializers.string(), Deserializers.string());
            assertThat(committed).extracting(ConsumerRecord::value).containsExactly("c4", "c5", "p7");
            assertThat(readCommitted.nextPosition()).isEqualTo(8);

            List<ConsumerRecord<String, String>> everything = new ArrayList<>();
            readUncommitted.drain(everything, 500, Deserializers.string(), Deserializers.string());
            assertThat(everything).extracting(ConsumerRecord::value).containsExactly("a0", "a1", "a2", "c4", "c5",
                    "p7");
        } finally {
            readCommitted.release();
            readUncommitted.release();
        }
    }

    private static MemoryRecords transactional(long base, long pid, String... values) {
        SimpleRecord[] records = new SimpleRecord[values.length];
        for (int i = 0; i < values.length; i++) {
            records[i] = new SimpleRecord(1_000L, null, values[i].getBytes(StandardCharsets.UTF_8));
        }
        return MemoryRecords.withTransactionalRecords(base, Compression.NONE, pid, (short) 0, (int) base, 7, records);
    }

    @Test
    void aDeserializerFailureReturnsTheRecordsBeforeItThenKeepsFailingAtTheSameOffset() {
        PartitionState ps = fetching();
        CompletedFetch fetch = new CompletedFetch(ps, ps.version, 0, batches("none", 0, 1, 10), ALLOC, true, null);
        try {
            List<ConsumerRecord<byte[], Long>> out = new ArrayList<>();
            // Offset 0 has a null value; offset 1's value "value-1" is 7 bytes, not the 8 a long needs.
            int n = fetch.drain(out, 500, Deserializers.bytes(), Deserializers.longs());
            assertThat(n).isEqualTo(1);
            assertThat(out).extracting(ConsumerRecord::offset).containsExactly(0L);
            assertThatThrownBy(() -> fetch.drain(new ArrayList<>(), 500, Deserializers.bytes(), Deserializers.longs()))
                    .isInstanceOf(SerializationException.class).hasMessageContaining("orders-3")
                    .hasMessageContaining("offset 1");
            assertThat(fetch.hasError()).isTrue();
            assertThat(fetch.nextPosition()).isEqualTo(1);
        } finally {
            fetch.release();
        }
    }

    @Test
    void aCorruptBatchFailsNamingThePartitionWhenCrcsAreChecked() {
        ByteBuf data = batches("none", 0, 1, 10);
        data.setByte(data.writerIndex() - 3, data.getByte(data.writerIndex() - 3) ^ 0x55);
        PartitionState ps = fetching();
        CompletedFetch fetch = new CompletedFetch(ps, ps.version, 0, data, ALLOC, true, null);
        try {
            assertThatThrownBy(() -> fetch.drain(new ArrayList<>(), 500, Deserializers.bytes(), Deserializers.bytes()))
                    .isInstanceOf(CorruptRecordException.class).hasMessageContaining("orders-3")
                    .hasMessageContaining("CRC");
        } finally {
            fetch.release();
        }
    }

    @Test
    void onlyAPartialBatchMeansTheDataCannotBeRead() {
        ByteBuf whole = batches("none", 0, 1, 10);
        ByteBuf partial = whole.retainedSlice(0, whole.readableBytes() - 5);
        whole.release();
        PartitionState ps = fetching();
        CompletedFetch fetch = new CompletedFetch(ps, ps.version, 0, partial, ALLOC, true, null);
        try {
            assertThatThrownBy(() -> fetch.drain(new ArrayList<>(), 500, Deserializers.bytes(), Deserializers.bytes()))
                    .isInstanceOf(RecordTooLargeException.class).hasMessageContaining("max.partition.fetch.bytes");
        } finally {
            fetch.release();
        }
    }
}
