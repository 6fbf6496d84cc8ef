package io.brook.it.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.brook.it.support.RawKafkaSocket;
import io.brook.protocol.ApiKey;
import io.brook.protocol.Errors;
import io.brook.protocol.message.ApiVersionsRequest;
import io.brook.protocol.message.ApiVersionsResponse;
import io.brook.testkit.ClusterSource;
import io.brook.testkit.KafkaCluster;
import io.brook.testkit.junit.KafkaClusterExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Pins Brook's codec version ranges to what a real broker advertises: every API Brook speaks is served by the
 * broker across Brook's whole range, and against the default broker (Kafka 4.1) Brook reaches the newest
 * stable version the broker offers, as the foundation issue asks.
 */
@ExtendWith(KafkaClusterExtension.class)
class BrokerApiVersionsIT {

    @Test
    void everyBrookApiVersionRangeIsServedByTheBroker(KafkaCluster cluster) throws Exception {
        ApiVersionsResponse response;
        try (RawKafkaSocket socket = RawKafkaSocket.connect(cluster.bootstrapServers())) {
            response = socket.send(ApiVersionsRequest.builder()
                    .clientSoftwareName("brook-it").clientSoftwareVersion("0.1.0").build(),
                    ApiKey.API_VERSIONS.highestVersion());
        }
        assertThat(Errors.forCode(response.errorCode())).isEqualTo(Errors.NONE);
        Map<Short, ApiVersionsResponse.ApiVersion> broker = response.apiKeys().stream()
                .collect(Collectors.toMap(ApiVersionsResponse.ApiVersion::apiKey, Function.identity()));

        boolean newestBrokerLine = cluster.source() == ClusterSource.LOCAL
                && System.getProperty("brook.kafka.version", "4.1.1").startsWith("4.1.");
        List<String> problems = new ArrayList<>();
        for (ApiKey key : ApiKey.values()) {
            ApiVersionsResponse.ApiVersion range = broker.get(key.id());
            if (range == null) {
                problems.add(key + ": the broker does not serve this API at all");
                continue;
            }
            if (key.lowestVersion() < range.minVersion() || key.highestVersion() > range.maxVersion()) {
                problems.add(key + ": Brook " + key.lowestVersion() + "-" + key.highestVersion()
                        + " lies outside the broker's " + range.minVersion() + "-" + range.maxVersion());
            }
            if (newestBrokerLine && key.highestVersion() != range.maxVersion()) {
                problems.add(key + ": Brook's newest version " + key.highestVersion()
                        + " is not the broker's newest stable version " + range.maxVersion());
            }
        }
        assertThat(problems).as("API version ranges against the broker").isEmpty();
    }
}
