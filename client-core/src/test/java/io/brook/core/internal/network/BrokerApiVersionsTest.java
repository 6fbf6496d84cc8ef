package io.brook.core.internal.network;

import static org.assertj.core.api.Assertions.assertThat;

import io.brook.protocol.ApiKey;
import io.brook.protocol.message.ApiVersionsResponse;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** The finalized features of an ApiVersions response, and the capability ranges transactions rely on. */
class BrokerApiVersionsTest {

    @Test
    void finalizedFeaturesAreReadFromTheTaggedFieldAfterAWireRoundTrip() {
        ApiVersionsResponse response = ApiVersionsResponse.builder().errorCode((short) 0)
                .apiKeys(List.of(ApiVersionsResponse.ApiVersion.builder().apiKey(ApiKey.END_TXN.id())
                        .minVersion((short) 0).maxVersion((short) 5).build()))
                .finalizedFeaturesEpoch(7)
                .finalizedFeatures(List.of(ApiVersionsResponse.FinalizedFeatureKey.builder()
                        .name("transaction.version").minVersionLevel((short) 0).maxVersionLevel((short) 2).build(),
                        ApiVersionsResponse.FinalizedFeatureKey.builder().name("metadata.version")
                                .minVersionLevel((short) 1).maxVersionLevel((short) 27).build()))
                .build();
        ByteBuf buf = Unpooled.buffer();
        try {
            response.write(buf, (short) 3);
            BrokerApiVersions versions = BrokerApiVersions.from(ApiVersionsResponse.read(buf, (short) 3));
            assertThat(versions.finalizedFeatureLevel("transaction.version")).isEqualTo(OptionalInt.of(2));
            assertThat(versions.finalizedFeatureLevel("metadata.version")).isEqualTo(OptionalInt.of(27));
            assertThat(versions.finalizedFeatureLevel("group.version")).isEmpty();
            assertThat(versions.supports(ApiKey.END_TXN, (short) 5)).isTrue();
        } finally {
            buf.release();
        }
    }

    @Test
    void aResponseWithoutFeaturesHasNone() {
        BrokerApiVersions versions = BrokerApiVersions.from(ApiVersionsResponse.builder().errorCode((short) 0)
                .apiKeys(List.of()).build());
        assertThat(versions.finalizedFeatureLevel("transaction.version")).isEmpty();
        assertThat(versions).isEqualTo(BrokerApiVersions.of(java.util.Map.of()));
    }

    @Test
    void versionsWithoutACapabilityEndJustBelowIt() {
        assertThat(Capability.PRODUCE_IMPLICIT_TXN_PARTITIONS.versionsWithout())
                .isEqualTo(new VersionRange(ApiKey.PRODUCE.lowestVersion(), (short) 11));
        assertThat(Capability.END_TXN_EPOCH_BUMP.versionsWithout()).isEqualTo(VersionRange.of(0, 4));
        assertThat(Capability.TXN_OFFSET_COMMIT_IMPLICIT_GROUP.versionsWithout()).isEqualTo(VersionRange.of(0, 4));
        assertThat(Capability.ADD_PARTITIONS_TO_TXN_BATCHED.versionsWithout()).isEqualTo(VersionRange.of(0, 3));
        assertThat(Capability.FIND_COORDINATOR_KEY_TYPE.versionsWithout()).isEqualTo(VersionRange.of(0, 0));
    }
}
