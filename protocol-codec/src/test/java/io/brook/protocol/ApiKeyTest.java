package io.brook.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The generated ApiKey enum, and the version facts of a Kafka 4.1 broker for the core APIs. */
class ApiKeyTest {

    @Test
    void forIdFindsEveryKeyAndNullForUnknown() {
        Set<Short> ids = new HashSet<>();
        for (ApiKey key : ApiKey.values()) {
            assertThat(ApiKey.forId(key.id())).isSameAs(key);
            assertThat(ids.add(key.id())).as("duplicate id %d", key.id()).isTrue();
            assertThat(key.lowestVersion()).isLessThanOrEqualTo(key.highestVersion());
        }
        assertThat(ApiKey.forId((short) 32000)).isNull();
        assertThat(ApiKey.forId((short) -1)).isNull();
    }

    @Test
    void coreApiVersionRangesMatchAKafka41Broker() {
        assertRange(ApiKey.API_VERSIONS, 18, 0, 4, 3);
        assertRange(ApiKey.METADATA, 3, 0, 13, 9);
        assertRange(ApiKey.DESCRIBE_CLUSTER, 60, 0, 2, 0);
        assertRange(ApiKey.CREATE_TOPICS, 19, 2, 7, 5);
        assertRange(ApiKey.DELETE_TOPICS, 20, 1, 6, 4);
        assertRange(ApiKey.FIND_COORDINATOR, 10, 0, 6, 3);
    }

    private static void assertRange(ApiKey key, int id, int lowest, int highest, int firstFlexible) {
        assertThat(key.id()).isEqualTo((short) id);
        assertThat(key.lowestVersion()).isEqualTo((short) lowest);
        assertThat(key.highestVersion()).isEqualTo((short) highest);
        for (short v = key.lowestVersion(); v <= key.highestVersion(); v++) {
            assertThat(key.isFlexible(v)).as("%s v%d flexible", key, v).isEqualTo(v >= firstFlexible);
        }
    }

    @Test
    void namesAreUpperSnakeOfTheApiName() {
        assertThat(ApiKey.API_VERSIONS.apiName()).isEqualTo("ApiVersions");
        assertThat(ApiKey.DESCRIBE_CLUSTER.apiName()).isEqualTo("DescribeCluster");
    }
}
