package io.brook.admin.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.brook.core.internal.network.Endpoint;
import io.brook.protocol.message.DescribeClusterResponse;
import io.brook.protocol.message.MetadataResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

class KnownBrokersTest {
    private static final Endpoint BOOT_A = new Endpoint(-1, "a", 9092);
    private static final Endpoint BOOT_B = new Endpoint(-1, "b", 9092);

    @Test
    void rotatesOverTheBootstrapAddressesUntilBrokersAreLearned() {
        KnownBrokers brokers = new KnownBrokers(List.of(BOOT_A, BOOT_B));
        assertThat(List.of(brokers.anyBroker(), brokers.anyBroker(), brokers.anyBroker()))
                .containsExactly(BOOT_A, BOOT_B, BOOT_A);

        brokers.learnFrom(MetadataResponse.builder().brokers(Responses.brokers(1, 2)).build());

        assertThat(brokers.live()).extracting(Endpoint::nodeId).containsExactly(1, 2);
        assertThat(List.of(brokers.anyBroker(), brokers.anyBroker()))
                .containsExactlyInAnyOrder(new Endpoint(1, "broker1", 9092), new Endpoint(2, "broker2", 9092));
    }

    @Test
    void learnsFromDescribeClusterAndIgnoresEmptyLists() {
        KnownBrokers brokers = new KnownBrokers(List.of(BOOT_A));
        brokers.learnFrom(DescribeClusterResponse.builder().brokers(List.of(
                DescribeClusterResponse.DescribeClusterBroker.builder().brokerId(7).host("h7").port(1).build()))
                .build());
        brokers.learnFrom(MetadataResponse.builder().build());
        assertThat(brokers.live()).containsExactly(new Endpoint(7, "h7", 1));
    }

    @Test
    void theLearningSenderPassesResponsesThroughAfterLearning() throws Exception {
        KnownBrokers brokers = new KnownBrokers(List.of(BOOT_A));
        FakeRequestSender fake = new FakeRequestSender();
        MetadataResponse response = MetadataResponse.builder().brokers(Responses.brokers(3)).build();
        fake.respond(response);

        Object received = brokers.learningFrom(fake).send(BOOT_A, MetadataRequests.forAllTopics().body()).get();

        assertThat(received).isSameAs(response);
        assertThat(brokers.anyBroker()).isEqualTo(new Endpoint(3, "broker3", 9092));
    }

    @Test
    void needsABootstrapAddress() {
        assertThatThrownBy(() -> new KnownBrokers(List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
