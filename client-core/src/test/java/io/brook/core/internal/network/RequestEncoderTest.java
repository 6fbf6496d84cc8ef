package io.brook.core.internal.network;

import static org.assertj.core.api.Assertions.assertThat;

import io.brook.core.ManualTime;
import io.brook.protocol.ApiKey;
import io.brook.protocol.ApiMessage;
import io.brook.protocol.message.ProduceRequest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Produce requests go to the socket with their record batches referenced, not copied. */
class RequestEncoderTest {
    private static final Endpoint BROKER = new Endpoint(1, "broker-1", 9092);
    private static final short PRODUCE_V = ApiKey.PRODUCE.highestVersion();

    private final ManualTime time = new ManualTime();
    private final EmbeddedChannel channel = channel();
    private final List<ByteBuf> batches = new ArrayList<>();

    private EmbeddedChannel channel() {
        EmbeddedChannel ch = new EmbeddedChannel();
        ch.config().setAllocator(PooledByteBufAllocator.DEFAULT);
        ch.freezeTime();
        BrokerChannelInitializer.addRequestHandlers(ch.pipeline(), NetworkConfig.defaults("encoder-test"), time,
                100);
        return ch;
    }

    @AfterEach
    void tearDown() {
        channel.finishAndReleaseAll();
        batches.forEach(ByteBuf::release);
    }

    private ByteBuf batch(int size, int seed) {
        ByteBuf b = PooledByteBufAllocator.DEFAULT.directBuffer(size);
        for (int i = 0; i < size; i++) {
            b.writeByte((i * 31 + seed) & 0xff);
        }
        batches.add(b);
        return b;
    }

    private ProduceRequest produce(ByteBuf... records) {
        List<ProduceRequest.PartitionProduceData> partitions = new ArrayList<>();
        for (int i = 0; i < records.length; i++) {
            partitions.add(ProduceRequest.PartitionProduceData.builder().index(i).records(records[i]).build());
        }
        return ProduceRequest.builder().acks((short) -1).timeoutMs(30_000)
                .topicData(List.of(ProduceRequest.TopicProduceData.builder().name("orders")
                        .partitionData(partitions).build()))
                .build();
    }

    private ByteBuf write(ApiMessage body) {
        CompletableFuture<ApiMessage> future = new CompletableFuture<>();
        channel.writeOutbound(PendingRequest.of(BROKER, PRODUCE_V, body, time.monotonicMs(), 30_000, future));
        return channel.readOutbound();
    }

    @Test
    void largeBatchesAreComponentsOfTheFrameNotCopies() {
        ByteBuf first = batch(16_384, 1);
        ByteBuf second = batch(8_000, 2);
        ProduceRequest request = produce(first, second);

        ByteBuf frame = write(request);
        try {
            assertThat(frame).isInstanceOf(CompositeByteBuf.class);
            CompositeByteBuf composite = (CompositeByteBuf) frame;
            List<ByteBuf> pieces = composite.decompose(0, composite.readableBytes());
            long sharing = pieces.stream().filter(p -> p.hasMemoryAddress()
                    && (p.memoryAddress() == first.memoryAddress() || p.memoryAddress() == second.memoryAddress()))
                    .count();
            assertThat(sharing).as("both batches are referenced in place").isEqualTo(2);
            assertThat(first.refCnt()).as("the frame holds its own reference; the encoder released the message's")
                    .isEqualTo(2);

            ByteBuf expected = flatFrame(request, frame);
            assertThat(ByteBufUtil.equals(frame, frame.readerIndex(), expected, 0, expected.readableBytes()))
                    .as("same bytes as a flat encoding").isTrue();
            expected.release();
        } finally {
            frame.release();
        }
        assertThat(first.refCnt()).as("writing released the frame's reference").isEqualTo(1);
    }

    @Test
    void smallBatchesAreCopiedIntoTheScratchBuffer() {
        ByteBuf tiny = batch(100, 3);
        ByteBuf frame = write(produce(tiny));
        try {
            assertThat(tiny.refCnt()).isEqualTo(1);
            ProduceRequest again = produce(tiny);
            ByteBuf expected = flatFrame(again, frame);
            again.release();
            assertThat(ByteBufUtil.equals(frame, frame.readerIndex(), expected, 0, expected.readableBytes())).isTrue();
            expected.release();
        } finally {
            frame.release();
        }
    }

    /** The frame as one flat buffer, with the correlation id the pipeline gave {@code written}. */
    private static ByteBuf flatFrame(ProduceRequest request, ByteBuf written) {
        int correlationId = written.getInt(written.readerIndex() + 8);
        io.brook.protocol.RequestHeader header = new io.brook.protocol.RequestHeader(ApiKey.PRODUCE, PRODUCE_V,
                correlationId, "encoder-test");
        short headerVersion = ApiKey.PRODUCE.requestHeaderVersion(PRODUCE_V);
        int size = header.size(headerVersion) + request.size(PRODUCE_V);
        ByteBuf out = Unpooled.buffer(4 + size);
        out.writeInt(size);
        header.write(out, headerVersion);
        request.write(out, PRODUCE_V);
        return out;
    }
}
