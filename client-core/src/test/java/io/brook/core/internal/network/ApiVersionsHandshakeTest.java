package io.brook.core.internal.network;

import static io.brook.core.internal.network.RequestPipelineTest.assertThatCause;
import static org.assertj.core.api.Assertions.assertThat;

import io.brook.common.errors.NetworkException;
import io.brook.common.errors.TimeoutException;
import io.brook.common.errors.UnsupportedVersionException;
import io.brook.core.ManualTime;
import io.brook.protocol.ApiKey;
import io.brook.protocol.Errors;
import io.brook.protocol.message.ApiVersionsRequest;
import io.brook.protocol.message.ApiVersionsResponse;
import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The ApiVersions handshake on the full client pipeline, over an {@code EmbeddedChannel}. */
class ApiVersionsHandshakeTest {
    private static final Endpoint BROKER = new Endpoint(2, "broker-2", 9092);
    private static final short BROOK_MAX = ApiKey.API_VERSIONS.highestVersion();

    private final ManualTime time = new ManualTime();
    private final CompletableFuture<BrokerApiVersions> handshake = new CompletableFuture<>();
    private EmbeddedChannel channel;

    @BeforeEach
    void setUp() {
        NetworkConfig config = NetworkConfig.defaults("handshake-test");
        // The attempt's setup timeout bounds the handshake.
        channel = new EmbeddedChannel(new BrokerChannelInitializer(BROKER, new VersionNegotiator(config.versionPins()), config, time,
                100, 5_000, "1.2.3",
                handshake));
        channel.freezeTime();
    }

    @AfterEach
    void tearDown() {
        channel.finishAndReleaseAll();
    }

    private TestFrames.DecodedRequest nextRequest() {
        ByteBuf frame = channel.readOutbound();
        assertThat(frame).as("a request was written").isNotNull();
        return TestFrames.decodeRequest(frame);
    }

    private void answer(TestFrames.DecodedRequest request, ApiVersionsResponse response, int version,
            int headerVersion) {
        channel.writeInbound(TestFrames.response(request.header().correlationId(), response, (short) version,
                (short) headerVersion));
    }

    @Test
    void sendsTheHighestApiVersionsAndCompletesWithTheBrokersRanges() {
        TestFrames.DecodedRequest request = nextRequest();
        assertThat(request.header().apiKey()).isEqualTo(ApiKey.API_VERSIONS.id());
        assertThat(request.header().apiVersion()).isEqualTo(BROOK_MAX);
        ApiVersionsRequest body = (ApiVersionsRequest) request.body();
        assertThat(body.clientSoftwareName()).isEqualTo("brook-java");
        assertThat(body.clientSoftwareVersion()).isEqualTo("1.2.3");
        assertThat(handshake).isNotDone();

        answer(request, FakeBroker.apiVersionsWith(ApiKey.METADATA, VersionRange.of(1, 7)), BROOK_MAX, 0);

        BrokerApiVersions versions = handshake.join();
        assertThat(versions.range(ApiKey.METADATA)).contains(VersionRange.of(1, 7));
        assertThat(versions.supports(ApiKey.METADATA, (short) 7)).isTrue();
        assertThat(versions.supports(ApiKey.METADATA, (short) 8)).isFalse();
        assertThat(channel.pipeline().get(ApiVersionsHandshake.NAME)).as("handshake handler removed").isNull();
        assertThat(channel.pipeline().names()).containsSubsequence(ResponseFrameDecoder.NAME, RequestEncoder.NAME,
                InFlightRequests.NAME, RequestTimeouts.NAME);
    }

    @Test
    void retriesAtTheBrokersHighestVersionAfterUnsupportedVersion() {
        TestFrames.DecodedRequest first = nextRequest();
        answer(first, unsupported(2), 0, 0);
        assertThat(handshake).isNotDone();

        TestFrames.DecodedRequest retry = nextRequest();
        assertThat(retry.header().apiVersion()).isEqualTo((short) 2);
        assertThat(retry.header().correlationId()).isEqualTo(first.header().correlationId() + 1);
        answer(retry, FakeBroker.allApiVersions(), 2, 0);

        assertThat(handshake.join().supports(ApiKey.API_VERSIONS, BROOK_MAX)).isTrue();
    }

    @Test
    void failsTypedWhenTheBrokerRejectsEvenItsOwnRange() {
        answer(nextRequest(), unsupported(BROOK_MAX + 1), 0, 0);

        assertThatCause(handshake).isInstanceOf(UnsupportedVersionException.class)
                .hasMessageContaining("broker-2:9092").hasMessageContaining("ApiVersions");
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void anErrorCodeFailsTheHandshakeWithItsException() {
        ApiVersionsResponse error = ApiVersionsResponse.builder()
                .errorCode(Errors.INVALID_REQUEST.code()).build();
        answer(nextRequest(), error, BROOK_MAX, 0);

        assertThat(RequestPipelineTest.causeOf(handshake)).hasMessageContaining("INVALID_REQUEST");
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void aDisconnectDuringTheHandshakeFailsItRetriably() {
        nextRequest();
        channel.close();
        assertThatCause(handshake).isInstanceOf(NetworkException.class).hasMessageContaining("ApiVersions");
    }

    @Test
    void aSilentBrokerTimesTheHandshakeOut() {
        nextRequest();
        time.advance(5_000);
        channel.advanceTimeBy(200, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();

        assertThatCause(handshake).isInstanceOf(TimeoutException.class).hasMessageContaining("5000 ms");
        assertThat(channel.isOpen()).isFalse();
    }

    private static ApiVersionsResponse unsupported(int brokerMax) {
        return ApiVersionsResponse.builder()
                .errorCode(Errors.UNSUPPORTED_VERSION.code())
                .apiKeys(List.of(ApiVersionsResponse.ApiVersion.builder()
                        .apiKey(ApiKey.API_VERSIONS.id()).minVersion((short) 0).maxVersion((short) brokerMax)
                        .build()))
                .build();
    }
}
