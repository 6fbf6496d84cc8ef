package io.brook.core.internal.network;

import io.brook.benchmarks.CountingAllocator;
import io.brook.core.Time;
import io.brook.protocol.ApiKey;
import io.brook.protocol.Releasable;
import io.brook.protocol.RequestHeader;
import io.brook.protocol.compress.Compression;
import io.brook.protocol.message.ProduceRequest;
import io.brook.protocol.record.RecordBatchBuilder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
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
 * Builds a Produce request v{@value #VERSION} of {@code partitions} partitions, one 16 KiB record batch each (pooled
 * direct buffers, built once per trial as a producer's accumulator would hold them), and encodes it through the
 * real {@link RequestEncoder} in the pipeline {@link BrokerChannelInitializer#addRequestHandlers} builds, on an
 * {@link EmbeddedChannel}; then releases the frame, as the socket write does once it is flushed.
 *
 * <p>The seam: this class lives in the package of the network layer (in the benchmark module's test sources, so
 * the package is split across class path entries, which plain class path loading allows) and writes the
 * {@link OutboundFrame} that {@link InFlightRequests} would pass on, from the tail of the pipeline. Only the
 * correlation step is skipped, so that no response is needed; the frame crosses {@code RequestTimeouts} and
 * {@code InFlightRequests} (which pass it through) and is encoded by {@code RequestEncoder} with the channel's
 * allocator.
 *
 * <p>Figures: time per request; heap bytes per request from {@code -prof gc}; and direct bytes per request, which
 * {@code -prof gc} cannot see, from a {@link CountingAllocator} set as the channel's allocator (over
 * {@link ByteBufAllocator#DEFAULT}, what Brook's channels use): reported as the auxiliary counters
 * {@code directBytes} and {@code requests}, whose ratio is the direct memory the encoder allocated per request.
 *
 * <p>The same source runs on both sides of the network-layer change (see {@code docs/BENCHMARKS.md}). Before it
 * (commit 5e15ff4) the encoder copied the whole request, batches included, into one pooled buffer, and a built
 * message did not retain its records. After it, a message retains them in {@code build()}, the encoder releases the
 * message and references each batch from a composite frame. {@code @Setup} adapts to either (it never releases a
 * message that did not retain) and fails the trial unless the frame is byte-identical to a flat encoding and the
 * batches' reference counts are back where they started.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ProduceRequestEncodeBenchmark {
    /** The version kafka-clients 4.1 sends to a 4.1 broker (topic ids). */
    static final short VERSION = 13;
    private static final int BATCH_BYTES = 16 * 1024;
    private static final UUID TOPIC_ID = new UUID(0x0123456789abcdefL, 0x7edcba9876543210L);

    @Param({"1", "10", "100"})
    public int partitions;

    private ByteBuf[] batches;
    private CountingAllocator allocator;
    private EmbeddedChannel channel;
    private RequestHeader header;
    private short headerVersion;

    /** Direct bytes the encoder allocated, summed over an iteration, and the requests encoded in it. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Direct {
        public long directBytes;
        public long requests;

        @Setup(Level.Iteration)
        public void clear() {
            directBytes = 0;
            requests = 0;
        }
    }

    @Setup(Level.Trial)
    public void setUp() {
        batches = new ByteBuf[partitions];
        for (int p = 0; p < partitions; p++) {
            batches[p] = batch(p);
        }
        allocator = new CountingAllocator(ByteBufAllocator.DEFAULT);
        channel = new EmbeddedChannel();
        channel.config().setAllocator(allocator);
        BrokerChannelInitializer.addRequestHandlers(channel.pipeline(), NetworkConfig.defaults("bench"), Time.SYSTEM,
                1_000);
        header = new RequestHeader(ApiKey.PRODUCE, VERSION, 1, "bench");
        headerVersion = ApiKey.PRODUCE.requestHeaderVersion(VERSION);
        check();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        channel.finishAndReleaseAll();
        for (ByteBuf batch : batches) {
            batch.release();
        }
    }

    @Benchmark
    public int encode(Direct direct) {
        allocator.reset();
        channel.writeOutbound(new OutboundFrame(header, headerVersion, request(), VERSION));
        ByteBuf frame = channel.readOutbound();
        direct.directBytes += allocator.directBytes();
        direct.requests++;
        int size = frame.readableBytes();
        frame.release();
        return size;
    }

    private ProduceRequest request() {
        List<ProduceRequest.PartitionProduceData> data = new ArrayList<>(partitions);
        for (int p = 0; p < partitions; p++) {
            data.add(ProduceRequest.PartitionProduceData.builder().index(p).records(batches[p]).build());
        }
        return ProduceRequest.builder().transactionalId(null).acks((short) -1).timeoutMs(30_000)
                .topicData(List.of(ProduceRequest.TopicProduceData.builder().topicId(TOPIC_ID).partitionData(data)
                        .build()))
                .build();
    }

    /** One batch of 1000-byte values, filled as a producer fills {@code batch.size=16384}, in pooled direct memory. */
    private static ByteBuf batch(int partition) {
        RecordBatchBuilder builder = new RecordBatchBuilder(PooledByteBufAllocator.DEFAULT, Compression.none(), 0L,
                BATCH_BYTES);
        byte[] value = new byte[1000];
        Arrays.fill(value, (byte) ('a' + partition % 26));
        for (int i = 0; ; i++) {
            byte[] key = ("key-" + partition + "-" + i).getBytes(StandardCharsets.UTF_8);
            if (i > 0 && !builder.hasRoomFor(BATCH_BYTES, 1_700_000_000_000L + i, key, value, List.of())) {
                break;
            }
            builder.append(1_700_000_000_000L + i, key, value, List.of());
        }
        ByteBuf built = builder.build();
        try {
            ByteBuf direct = PooledByteBufAllocator.DEFAULT.directBuffer(built.readableBytes());
            direct.writeBytes(built, built.readerIndex(), built.readableBytes());
            return direct;
        } finally {
            built.release();
        }
    }

    /** Fails the trial unless the pipeline's frame equals a flat encoding and every reference was given back. */
    private void check() {
        int[] refCounts = Arrays.stream(batches).mapToInt(ByteBuf::refCnt).toArray();
        ProduceRequest flat = request();
        boolean retains = batches[0].refCnt() > refCounts[0];
        ByteBuf expected = Unpooled.buffer();
        try {
            expected.writeInt(header.size(headerVersion) + flat.size(VERSION));
            header.write(expected, headerVersion);
            flat.write(expected, VERSION);
        } finally {
            Object message = flat;
            if (retains && message instanceof Releasable r) {
                r.release();
            }
        }
        allocator.reset();
        channel.writeOutbound(new OutboundFrame(header, headerVersion, request(), VERSION));
        ByteBuf frame = channel.readOutbound();
        long directBytes = allocator.directBytes();
        int components = frame instanceof CompositeByteBuf c ? c.numComponents() : 1;
        boolean same = ByteBufUtil.equals(expected, frame);
        String frameType = frame.getClass().getSimpleName();
        frame.release();
        expected.release();
        if (!same) {
            throw new IllegalStateException("the pipeline's frame differs from a flat encoding of the request");
        }
        int[] after = Arrays.stream(batches).mapToInt(ByteBuf::refCnt).toArray();
        if (!Arrays.equals(refCounts, after)) {
            throw new IllegalStateException("batch reference counts " + Arrays.toString(refCounts) + " became "
                    + Arrays.toString(after));
        }
        System.out.printf("%n%d partitions x %d-byte batches: build() %s its records; frame %s of %d component(s);"
                + " %d direct bytes allocated by the encoder%n", partitions, batches[0].readableBytes(),
                retains ? "retains" : "does not retain", frameType, components, directBytes);
    }
}
