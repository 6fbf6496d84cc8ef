package io.brook.core.internal.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.brook.common.errors.UnsupportedVersionException;
import io.brook.protocol.ApiKey;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class VersionNegotiatorTest {
    private static final Endpoint BROKER = new Endpoint(1, "broker-1", 9092);
    private static final ApiKey API = ApiKey.METADATA;
    private static final short BROOK_MIN = API.lowestVersion();
    private static final short BROOK_MAX = API.highestVersion();

    /** broker range, caller range (null = any), pin (null = none), expected version (-1 = unsupported). */
    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("broker newer than Brook: Brook's max", r(BROOK_MIN, BROOK_MAX + 5), null, null,
                        BROOK_MAX),
                Arguments.of("broker older than Brook: broker's max", r(0, BROOK_MAX - 2), null, null, BROOK_MAX - 2),
                Arguments.of("caller caps the version", r(0, BROOK_MAX), r(BROOK_MIN, BROOK_MAX - 1), null,
                        BROOK_MAX - 1),
                Arguments.of("pin caps the version", r(0, BROOK_MAX), null, r(0, BROOK_MIN + 1), BROOK_MIN + 1),
                Arguments.of("all four intersect in one version", r(0, BROOK_MAX), r(BROOK_MIN, BROOK_MIN + 2),
                        r(BROOK_MIN + 2, BROOK_MAX), BROOK_MIN + 2),
                Arguments.of("broker entirely above Brook", r(BROOK_MAX + 1, BROOK_MAX + 3), null, null, -1),
                Arguments.of("caller needs more than the broker has", r(0, BROOK_MAX - 1), r(BROOK_MAX, BROOK_MAX),
                        null, -1),
                Arguments.of("pin outside the broker's range", r(0, BROOK_MAX - 1), null, r(BROOK_MAX, BROOK_MAX),
                        -1),
                Arguments.of("pin and caller disjoint", r(0, BROOK_MAX), r(BROOK_MAX, BROOK_MAX),
                        r(BROOK_MIN, BROOK_MAX - 1), -1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void picksTheHighestVersionEveryoneAllows(String name, VersionRange broker, VersionRange caller, VersionRange pin,
            int expected) {
        VersionNegotiator negotiator = new VersionNegotiator(pin == null ? Map.of() : Map.of(API, pin));
        BrokerApiVersions versions = BrokerApiVersions.of(Map.of(API, broker));
        if (expected < 0) {
            assertThatThrownBy(() -> negotiator.pick(API, versions, caller, BROKER))
                    .isInstanceOf(UnsupportedVersionException.class);
        } else {
            assertThat(negotiator.pick(API, versions, caller, BROKER)).isEqualTo((short) expected);
        }
    }

    @Test
    void theErrorNamesTheApiEveryRangeAndThePin() {
        VersionNegotiator negotiator = new VersionNegotiator(Map.of(API, r(BROOK_MAX, BROOK_MAX)));
        BrokerApiVersions versions = BrokerApiVersions.of(Map.of(API, r(0, BROOK_MAX - 1)));
        assertThatThrownBy(() -> negotiator.pick(API, versions, null, BROKER))
                .isInstanceOf(UnsupportedVersionException.class)
                .hasMessageContaining("Metadata")
                .hasMessageContaining("Brook supports " + BROOK_MIN + "-" + BROOK_MAX)
                .hasMessageContaining("the broker supports 0-" + (BROOK_MAX - 1))
                .hasMessageContaining("the user pin is " + BROOK_MAX)
                .hasMessageContaining("broker-1:9092");
    }

    @Test
    void anApiTheBrokerLacksIsUnsupported() {
        VersionNegotiator negotiator = new VersionNegotiator(Map.of());
        BrokerApiVersions versions = BrokerApiVersions.of(Map.of(ApiKey.API_VERSIONS, r(0, 4)));
        assertThatThrownBy(() -> negotiator.pick(API, versions, BROKER))
                .isInstanceOf(UnsupportedVersionException.class)
                .hasMessageContaining("does not support it");
        assertThat(versions.supports(API)).isFalse();
        assertThat(versions.supports(ApiKey.API_VERSIONS, (short) 3)).isTrue();
        assertThat(versions.supports(ApiKey.API_VERSIONS, (short) 5)).isFalse();
    }

    private static VersionRange r(int min, int max) {
        return VersionRange.of(min, max);
    }
}
