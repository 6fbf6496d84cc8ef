package io.brook.benchmarks;

import io.brook.protocol.message.FetchResponse;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.message.FetchResponseData;
import org.apache.kafka.common.record.MemoryRecords;
import org.apache.kafka.common.record.MemoryRecordsBuilder;
import org.apache.kafka.common.record.TimestampType;

/**
 * The same FetchResponse built with each client's generated classes: {@value #TOPICS} topics (by topic id) of
 * {@value #PARTITIONS} partitions, each partition carrying one uncompressed batch of {@value #RECORDS_PER_BATCH}
 * records with 100-byte values (about 6 KiB; 120 KiB in all), as a consumer receives from one broker.
 */
final class FetchFixture {
    static final int TOPICS = 4;
    static final int PARTITIONS = 5;
    static final int RECORDS_PER_BATCH = 50;

    private FetchFixture() {}

    /** One record batch per partition, topic-major; the same bytes feed both clients' messages. */
    static byte[][] batches() {
        byte[][] keys = BenchData.keys(RECORDS_PER_BATCH);
        byte[][] batches = new byte[TOPICS * PARTITIONS][];
        for (int i = 0; i < batches.length; i++) {
            byte[][] values = BenchData.values(RECORDS_PER_BATCH, 100, i);
            MemoryRecordsBuilder builder = MemoryRecords.builder(ByteBuffer.allocate(16 * 1024),
                    org.apache.kafka.common.compress.Compression.NONE, TimestampType.CREATE_TIME, baseOffset(i));
            for (int r = 0; r < RECORDS_PER_BATCH; r++) {
                builder.append(BenchData.timestamp(r), keys[r], values[r]);
            }
            ByteBuffer built = builder.build().buffer();
            batches[i] = new byte[built.remaining()];
            built.get(batches[i]);
        }
        return batches;
    }

    /** Brook's message; its records are pooled copies of {@code batches}, freed by the message's release(). */
    static FetchResponse brook(byte[][] batches, ByteBufAllocator alloc) {
        List<FetchResponse.FetchableTopicResponse> topics = new ArrayList<>();
        List<ByteBuf> ours = new ArrayList<>();
        for (int t = 0; t < TOPICS; t++) {
            List<FetchResponse.PartitionData> partitions = new ArrayList<>();
            for (int p = 0; p < PARTITIONS; p++) {
                int i = t * PARTITIONS + p;
                ByteBuf records = alloc.directBuffer(batches[i].length).writeBytes(batches[i]);
                partitions.add(FetchResponse.PartitionData.builder()
                        .partitionIndex(p).highWatermark(highWatermark(i)).lastStableOffset(highWatermark(i))
                        .logStartOffset(0).abortedTransactions(null).records(records).build());
                ours.add(records);
            }
            topics.add(FetchResponse.FetchableTopicResponse.builder().topicId(topicId(t)).partitions(partitions)
                    .build());
        }
        FetchResponse response = FetchResponse.builder().throttleTimeMs(0).sessionId(0).responses(topics).build();
        // The built message holds its own reference to each buffer: hand ours over.
        ours.forEach(ByteBuf::release);
        return response;
    }

    static FetchResponseData kafka(byte[][] batches) {
        List<FetchResponseData.FetchableTopicResponse> topics = new ArrayList<>();
        for (int t = 0; t < TOPICS; t++) {
            List<FetchResponseData.PartitionData> partitions = new ArrayList<>();
            for (int p = 0; p < PARTITIONS; p++) {
                int i = t * PARTITIONS + p;
                partitions.add(new FetchResponseData.PartitionData()
                        .setPartitionIndex(p).setHighWatermark(highWatermark(i)).setLastStableOffset(highWatermark(i))
                        .setLogStartOffset(0).setAbortedTransactions(null)
                        .setRecords(MemoryRecords.readableRecords(ByteBuffer.wrap(batches[i]))));
            }
            UUID id = topicId(t);
            topics.add(new FetchResponseData.FetchableTopicResponse()
                    .setTopicId(new Uuid(id.getMostSignificantBits(), id.getLeastSignificantBits()))
                    .setPartitions(partitions));
        }
        return new FetchResponseData().setThrottleTimeMs(0).setSessionId(0).setResponses(topics);
    }

    private static long baseOffset(int partition) {
        return 1_000_000L + partition * 10_000L;
    }

    private static long highWatermark(int partition) {
        return baseOffset(partition) + 5_000;
    }

    private static UUID topicId(int topic) {
        return new UUID(0x0f3c_0000_0000_0000L + topic, 0x9d21_0000_0000_0000L + topic * 31L);
    }
}
