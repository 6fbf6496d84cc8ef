package io.brook.admin.internal;

import io.brook.admin.TransactionListing;
import io.brook.core.internal.call.CallHandler;
import io.brook.core.internal.call.CallRequest;
import io.brook.core.internal.call.Step;
import io.brook.core.internal.network.Endpoint;
import io.brook.protocol.ApiMessage;
import io.brook.protocol.message.ListTransactionsRequest;
import io.brook.protocol.message.ListTransactionsResponse;
import io.brook.protocol.message.MetadataResponse;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * {@code listTransactions}: ListTransactions to every live broker ({@link EveryBroker}: each broker lists the
 * transactional ids it coordinates), optionally filtered by state and producer id. Sorted by transactional id.
 *
 * <p>Confined to its call (see {@link CallHandler}).
 */
public final class ListTransactionsHandler implements CallHandler<List<TransactionListing>> {
    static final String CALL = "listTransactions";

    private final List<String> states;
    private final List<Long> producerIds;
    private final EveryBroker<List<TransactionListing>> brokers = new EveryBroker<>(CALL);

    public ListTransactionsHandler(Collection<String> states, Collection<Long> producerIds) {
        this.states = List.copyOf(new TreeSet<>(Objects.requireNonNull(states, "states")));
        this.producerIds = List.copyOf(new TreeSet<>(Objects.requireNonNull(producerIds, "producerIds")));
    }

    @Override
    public String callName() {
        return CALL;
    }

    @Override
    public List<CallRequest> nextRequests(long remainingMs) {
        return brokers.nextRequests(broker -> CallRequest.toBroker(broker, ListTransactionsRequest.builder()
                .stateFilters(states).producerIdFilters(producerIds).build()));
    }

    @Override
    public Step<List<TransactionListing>> onResponse(CallRequest request, Endpoint from, ApiMessage response) {
        if (response instanceof MetadataResponse metadata) {
            return brokers.onMetadata(metadata);
        }
        ListTransactionsResponse listed = (ListTransactionsResponse) response;
        List<TransactionListing> transactions = new ArrayList<>();
        for (ListTransactionsResponse.TransactionState t : listed.transactionStates()) {
            transactions.add(new TransactionListing(t.transactionalId(), t.producerId(), t.transactionState()));
        }
        return brokers.onAnswer(from, AdminErrors.forCode(listed.errorCode()), List.copyOf(transactions),
                this::finish);
    }

    @Override
    public Step<List<TransactionListing>> onFailure(CallRequest request, Endpoint to, Throwable error) {
        return brokers.onFailure(to, error, this::finish);
    }

    private Step<List<TransactionListing>> finish() {
        return brokers.results().finish(ListTransactionsHandler::merge, true);
    }

    private static List<TransactionListing> merge(Map<Integer, List<TransactionListing>> byBroker) {
        List<TransactionListing> all = new ArrayList<>();
        byBroker.values().forEach(all::addAll);
        all.sort(Comparator.comparing(TransactionListing::transactionalId));
        return List.copyOf(all);
    }
}
