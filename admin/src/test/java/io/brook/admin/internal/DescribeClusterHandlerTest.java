package io.brook.admin.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.brook.admin.ClusterDescription;
import io.brook.admin.Node;
import io.brook.common.errors.ClusterAuthorizationException;
import io.brook.core.internal.call.CallRequest;
import io.brook.core.internal.call.Step;
import io.brook.core.internal.network.Endpoint;
import io.brook.protocol.Errors;
import io.brook.protocol.message.DescribeClusterRequest;
import io.brook.protocol.message.DescribeClusterResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

class DescribeClusterHandlerTest {
    private static final Endpoint BROKER = new Endpoint(1, "broker1", 9092);
    private final DescribeClusterHandler handler = new DescribeClusterHandler();

    @Test
    void asksAnyBrokerForTheBrokersWithoutFencedOnes() {
        CallRequest request = handler.nextRequest(1_000);
        assertThat(request.endpoint()).isNull();
        DescribeClusterRequest body = (DescribeClusterRequest) request.body();
        assertThat(body.includeFencedBrokers()).isFalse();
        assertThat(body.includeClusterAuthorizedOperations()).isFalse();
    }

    @Test
    void mapsIdControllerAndNodesSortedById() {
        DescribeClusterResponse response = DescribeClusterResponse.builder().clusterId("abc").controllerId(2)
                .brokers(List.of(broker(3, null), broker(1, "rack-a"), broker(2, null))).build();

        Step<ClusterDescription> step = handler.onResponse(handler.nextRequest(1_000), BROKER, response);

        ClusterDescription cluster = ((Step.Done<ClusterDescription>) step).value();
        assertThat(cluster).isEqualTo(new ClusterDescription("abc", 2, List.of(
                new Node(1, "host1", 9001, "rack-a"), new Node(2, "host2", 9002), new Node(3, "host3", 9003))));
        assertThat(cluster.controller()).contains(new Node(2, "host2", 9002));
    }

    @Test
    void retriesRetriableErrorsAndFailsOnOthers() {
        CallRequest request = handler.nextRequest(1_000);
        assertThat(handler.onResponse(request, BROKER,
                DescribeClusterResponse.builder().errorCode(Errors.REQUEST_TIMED_OUT.code()).build()))
                .isInstanceOf(Step.Retry.class);
        Step<ClusterDescription> failed = handler.onResponse(request, BROKER, DescribeClusterResponse.builder()
                .errorCode(Errors.CLUSTER_AUTHORIZATION_FAILED.code()).errorMessage("who are you").build());
        assertThat(((Step.Failed<ClusterDescription>) failed).error())
                .isInstanceOf(ClusterAuthorizationException.class)
                .hasMessage("describeCluster failed with CLUSTER_AUTHORIZATION_FAILED (error code 31): who are you");
    }

    private static DescribeClusterResponse.DescribeClusterBroker broker(int id, String rack) {
        return DescribeClusterResponse.DescribeClusterBroker.builder().brokerId(id).host("host" + id)
                .port(9000 + id).rack(rack).build();
    }
}
