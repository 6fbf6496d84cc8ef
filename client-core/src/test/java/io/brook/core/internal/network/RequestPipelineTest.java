package io.brook.core.internal.network;

import static org.assertj.core.api.Assertions.assertThat;

import io.brook.common.errors.NetworkException;
import io.brook.core.ManualTime;
import io.brook.protocol.ApiKey;
import io.brook.protocol.ApiMessage;
import io.brook.protocol.message.ApiVersionsRequest;
import io.brook.protocol.message.ApiVersionsResponse;
import io.brook.protocol.message.MetadataRequest;
import io.brook.protocol.message.MetadataResponse;
import io.brook.protocol.wire.MalformedMessageException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Framing, encoding and correlation on an {@code EmbeddedChannel} with the real request handlers. */
class RequestPipelineTest {
    private static final Endpoint BROKER = new Endpoint(1, "broker-1", 9092);
    private static final short METADATA_V = ApiKey.METADATA.highestVersion();

    private final ManualTime time = new ManualTime();
    private EmbeddedChannel channel;

    @BeforeEach
    void setUp() {
        channel = newChannel(NetworkConfig.builder("pipeline-test").maxResponseSizeBytes(4096).build());
    }

    @AfterEach
    void tearDown() {
        channel.finishAndReleaseAll();
    }

    private EmbeddedChannel newChannel(NetworkConfig config) {
        EmbeddedChannel ch = new EmbeddedChannel();
        ch.freezeTime();
        BrokerChannelInitializer.addRequestHandlers(ch.pipeline(), config, time, 100);
        return ch;
    }

    private CompletableFuture<ApiMessage> send(ApiMessage body, short version) {
        CompletableFuture<ApiMessage> future = new CompletableFuture<>();
        channel.writeOutbound(PendingRequest.of(BROKER, version, body, time.monotonicMs(), 30_000, future));
        return future;
    }

    private TestFrames.DecodedRequest nextRequest() {
        ByteBuf frame = channel.readOutbound();
        assertThat(frame).as("a request frame was written").isNotNull();
        return TestFrames.decodeRequest(frame);
    }

    private static MetadataResponse metadataResponse(String clusterId) {
        return MetadataResponse.builder()
                .brokers(List.of(MetadataResponse.MetadataResponseBroker.builder()
                        .nodeId(1).host("broker-1").port(9092).build()))
                .clusterId(clusterId)
                .build();
    }

    @Test
    void writesSizeHeaderAndBodyInOneFrame() {
        MetadataRequest request = MetadataRequest.builder().allowAutoTopicCreation(false).build();
        send(request, METADATA_V);

        TestFrames.DecodedRequest sent = nextRequest();
        assertThat(sent.size()).isEqualTo(
                sent.header().size(ApiKey.METADATA.requestHeaderVersion(METADATA_V)) + request.size(METADATA_V));
        assertThat(sent.header().apiKey()).isEqualTo(ApiKey.METADATA.id());
        assertThat(sent.header().apiVersion()).isEqualTo(METADATA_V);
        assertThat(sent.header().correlationId()).isZero();
        assertThat(sent.header().clientId()).isEqualTo("pipeline-test");
        assertThat(sent.body()).isEqualTo(request);
    }

    @Test
    void usesHeaderV1ForNonFlexibleVersions() {
        // ApiVersions v0 is not flexible: header v1 (client id, no tagged fields).
        send(ApiVersionsRequest.builder().build(), (short) 0);
        ByteBuf frame = channel.readOutbound();
        try {
            // size(4) + key(2) + version(2) + correlation id(4) + client id (2 + 13 bytes), empty v0 body.
            assertThat(frame.readableBytes()).isEqualTo(4 + 2 + 2 + 4 + 2 + "pipeline-test".length());
        } finally {
            frame.release();
        }
        assertThat(ApiKey.API_VERSIONS.requestHeaderVersion((short) 0)).isEqualTo((short) 1);
    }

    @Test
    void correlatesResponsesByIdEvenOutOfOrder() {
        CompletableFuture<ApiMessage> first = send(MetadataRequest.builder().build(), METADATA_V);
        CompletableFuture<ApiMessage> second = send(MetadataRequest.builder().build(), METADATA_V);
        int firstId = nextRequest().header().correlationId();
        int secondId = nextRequest().header().correlationId();
        assertThat(secondId).isEqualTo(firstId + 1);

        channel.writeInbound(TestFrames.response(secondId, metadataResponse("second"), METADATA_V));
        assertThat(first).isNotDone();
        assertThat(((MetadataResponse) second.join()).clusterId()).isEqualTo("second");

        channel.writeInbound(TestFrames.response(firstId, metadataResponse("first"), METADATA_V));
        assertThat(((MetadataResponse) first.join()).clusterId()).isEqualTo("first");
    }

    @Test
    void reassemblesAResponseSplitAcrossReads() {
        CompletableFuture<ApiMessage> future = send(MetadataRequest.builder().build(), METADATA_V);
        int id = nextRequest().header().correlationId();
        ByteBuf frame = TestFrames.response(id, metadataResponse("split"), METADATA_V);
        ByteBuf head = frame.readRetainedSlice(3);
        ByteBuf tail = frame.readRetainedSlice(frame.readableBytes());
        frame.release();

        channel.writeInbound(head);
        assertThat(future).isNotDone();
        channel.writeInbound(tail);
        assertThat(((MetadataResponse) future.join()).clusterId()).isEqualTo("split");
    }

    @Test
    void readsApiVersionsUnsupportedVersionAnswersAtV0() {
        short sent = ApiKey.API_VERSIONS.highestVersion();
        CompletableFuture<ApiMessage> future = send(ApiVersionsRequest.builder().build(), sent);
        int id = nextRequest().header().correlationId();
        ApiVersionsResponse v0 = ApiVersionsResponse.builder()
                .errorCode(io.brook.protocol.Errors.UNSUPPORTED_VERSION.code())
                .apiKeys(List.of(ApiVersionsResponse.ApiVersion.builder()
                        .apiKey(ApiKey.API_VERSIONS.id()).minVersion((short) 0).maxVersion((short) 2).build()))
                .build();
        // The broker answers with header v0 and body v0, whatever version was asked for.
        channel.writeInbound(TestFrames.response(id, v0, (short) 0, (short) 0));

        ApiVersionsResponse response = (ApiVersionsResponse) future.join();
        assertThat(response.errorCode()).isEqualTo(io.brook.protocol.Errors.UNSUPPORTED_VERSION.code());
        assertThat(response.apiKeys()).singleElement().satisfies(v -> assertThat(v.maxVersion()).isEqualTo((short) 2));
    }

    @Test
    void aBodyThatFailsToDecodeFailsTypedAndClosesTheConnection() {
        CompletableFuture<ApiMessage> bad = send(MetadataRequest.builder().build(), METADATA_V);
        CompletableFuture<ApiMessage> other = send(MetadataRequest.builder().build(), METADATA_V);
        int id = nextRequest().header().correlationId();
        nextRequest();

        ByteBuf frame = Unpooled.buffer();
        frame.writeInt(0); // size, patched below
        frame.writeInt(id);
        frame.writeByte(0); // header v1: no tagged fields
        frame.writeInt(0); // throttle time
        frame.writeByte(0x7f); // brokers: a compact array of 126 elements, with nothing after it
        frame.setInt(0, frame.readableBytes() - 4);
        channel.writeInbound(frame);

        assertThat(bad).isCompletedExceptionally();
        assertThatCause(bad).isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("Metadata v" + METADATA_V).hasMessageContaining("broker-1:9092");
        assertThatCause(other).isInstanceOf(NetworkException.class).hasMessageContaining("Connection closed");
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void aResponseNoRequestWaitsForClosesTheConnection() {
        CompletableFuture<ApiMessage> pending = send(MetadataRequest.builder().build(), METADATA_V);
        nextRequest();
        channel.writeInbound(TestFrames.response(12345, metadataResponse("stray"), METADATA_V));

        assertThat(channel.isOpen()).isFalse();
        assertThatCause(pending).isInstanceOf(NetworkException.class).hasMessageContaining("12345");
    }

    @Test
    void anOversizedFrameClosesTheConnection() {
        CompletableFuture<ApiMessage> pending = send(MetadataRequest.builder().build(), METADATA_V);
        nextRequest();
        ByteBuf huge = Unpooled.buffer(8).writeInt(1_000_000).writeInt(0);
        channel.writeInbound(huge);

        assertThat(channel.isOpen()).isFalse();
        assertThatCause(pending).isInstanceOf(NetworkException.class).hasMessageContaining("Connection closed");
    }

    @Test
    void closingTheChannelFailsEveryRequestInFlight() {
        CompletableFuture<ApiMessage> a = send(MetadataRequest.builder().build(), METADATA_V);
        CompletableFuture<ApiMessage> b = send(ApiVersionsRequest.builder().build(), (short) 3);
        nextRequest();
        nextRequest();
        channel.close();

        assertThatCause(a).isInstanceOf(NetworkException.class).hasMessageContaining("Metadata");
        assertThatCause(b).isInstanceOf(NetworkException.class).hasMessageContaining("ApiVersions v3");
        assertThat(((NetworkException) causeOf(a)).isRetriable()).isTrue();
    }

    @Test
    void aRequestSettledBeforeItsWriteIsNotSent() {
        CompletableFuture<ApiMessage> future = new CompletableFuture<>();
        future.cancel(false);
        channel.writeOutbound(PendingRequest.of(BROKER, METADATA_V, MetadataRequest.builder().build(),
                time.monotonicMs(), 1000, future));
        assertThat((Object) channel.readOutbound()).isNull();
    }

    static Throwable causeOf(CompletableFuture<?> future) {
        assertThat(future).isCompletedExceptionally();
        try {
            future.join();
            throw new AssertionError("not failed");
        } catch (CompletionException e) {
            return e.getCause();
        }
    }

    static org.assertj.core.api.AbstractThrowableAssert<?, ? extends Throwable> assertThatCause(
            CompletableFuture<?> future) {
        return assertThat(causeOf(future));
    }
}
