package io.brook.admin.internal;

import io.brook.admin.ClusterDescription;
import io.brook.admin.Node;
import io.brook.common.errors.ApiException;
import io.brook.core.internal.call.CallRequest;
import io.brook.core.internal.call.SingleRequestHandler;
import io.brook.core.internal.call.Step;
import io.brook.core.internal.network.Endpoint;
import io.brook.protocol.ApiMessage;
import io.brook.protocol.Errors;
import io.brook.protocol.message.DescribeClusterRequest;
import io.brook.protocol.message.DescribeClusterResponse;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code describeCluster}: asks any broker for DescribeCluster (brokers endpoint type, fenced brokers left out) and
 * maps it to a {@link ClusterDescription}. A retriable top-level error is retried.
 *
 * <p>Stateless.
 */
public final class DescribeClusterHandler implements SingleRequestHandler<ClusterDescription> {
    static final String CALL = "describeCluster";

    @Override
    public String callName() {
        return CALL;
    }

    @Override
    public CallRequest nextRequest(long remainingMs) {
        return CallRequest.toAnyBroker(DescribeClusterRequest.builder().build());
    }

    @Override
    public Step<ClusterDescription> onResponse(CallRequest request, Endpoint from, ApiMessage response) {
        DescribeClusterResponse cluster = (DescribeClusterResponse) response;
        Errors error = AdminErrors.forCode(cluster.errorCode());
        if (error != Errors.NONE) {
            ApiException e = AdminErrors.forCall(CALL, error, cluster.errorMessage());
            return error.isRetriable() ? Step.retry(e) : Step.failed(e);
        }
        List<Node> nodes = new ArrayList<>(cluster.brokers().size());
        for (DescribeClusterResponse.DescribeClusterBroker b : cluster.brokers()) {
            nodes.add(new Node(b.brokerId(), b.host(), b.port(), b.rack()));
        }
        return Step.done(new ClusterDescription(cluster.clusterId(), cluster.controllerId(), nodes));
    }
}
