package io.brook.admin.internal;

import io.brook.admin.TransactionDescription;
import io.brook.common.TopicPartition;
import io.brook.core.internal.call.CallHandler;
import io.brook.core.internal.call.CallRequest;
import io.brook.core.internal.call.CoordinatorKey;
import io.brook.core.internal.call.Step;
import io.brook.core.internal.network.Endpoint;
import io.brook.protocol.ApiMessage;
import io.brook.protocol.Errors;
import io.brook.protocol.message.DescribeTransactionsRequest;
import io.brook.protocol.message.DescribeTransactionsResponse;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code describeTransactions}: DescribeTransactions to each transactional id's transaction coordinator (found
 * with FindCoordinator, key type transaction), one request per id, all in one round. An unknown id fails with
 * TRANSACTIONAL_ID_NOT_FOUND on its own.
 *
 * <p>Confined to its call (see {@link CallHandler}).
 */
public final class DescribeTransactionsHandler implements CallHandler<Map<String, TransactionDescription>> {
    static final String CALL = "describeTransactions";

    private final ResourceResults<String, TransactionDescription> results;

    /** @param transactionalIds not empty; duplicates are described once */
    public DescribeTransactionsHandler(Collection<String> transactionalIds) {
        this.results = new ResourceResults<>(CALL, transactionalIds);
    }

    @Override
    public String callName() {
        return CALL;
    }

    @Override
    public List<CallRequest> nextRequests(long remainingMs) {
        return GroupSteps.toEachCoordinator(results.pending(), CoordinatorKey::transaction,
                id -> DescribeTransactionsRequest.builder().transactionalIds(List.of(id)).build());
    }

    @Override
    public Step<Map<String, TransactionDescription>> onResponse(CallRequest request, Endpoint from,
            ApiMessage response) {
        String id = request.coordinatorKey().key();
        for (DescribeTransactionsResponse.TransactionState t
                : ((DescribeTransactionsResponse) response).transactionStates()) {
            if (!id.equals(t.transactionalId())) {
                continue;
            }
            Errors error = AdminErrors.forCode(t.errorCode());
            String what = "transactional id '" + id + "'";
            if (error.isRetriable()) {
                return Step.retry(AdminErrors.forResource(CALL, what, error, null));
            }
            if (error != Errors.NONE) {
                results.fail(id, AdminErrors.forResource(CALL, what, error, null));
                continue;
            }
            Set<TopicPartition> partitions = new HashSet<>();
            for (DescribeTransactionsResponse.TopicData topic : t.topics()) {
                topic.partitions().forEach(p -> partitions.add(new TopicPartition(topic.topic(), p)));
            }
            results.succeed(id, new TransactionDescription(id, from.nodeId(), t.transactionState(), t.producerId(),
                    t.producerEpoch(), t.transactionTimeoutMs(), t.transactionStartTimeMs(), partitions));
        }
        return GroupSteps.after(results, id, CALL, results::finishWithMap);
    }

    @Override
    public Step<Map<String, TransactionDescription>> onFailure(CallRequest request, Endpoint to,
            Throwable error) {
        return GroupSteps.onFailure(results, request.coordinatorKey().key(), CALL, error, results::finishWithMap);
    }
}
