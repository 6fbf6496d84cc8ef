package io.brook.admin.internal;

import io.brook.admin.ConsumerGroupListing;
import io.brook.core.internal.call.CallHandler;
import io.brook.core.internal.call.CallRequest;
import io.brook.core.internal.call.Step;
import io.brook.core.internal.network.Capability;
import io.brook.core.internal.network.Endpoint;
import io.brook.core.internal.network.RequestBuilder;
import io.brook.protocol.ApiKey;
import io.brook.protocol.ApiMessage;
import io.brook.protocol.message.ListGroupsRequest;
import io.brook.protocol.message.ListGroupsResponse;
import io.brook.protocol.message.MetadataResponse;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * {@code listConsumerGroups}: ListGroups to every live broker ({@link EveryBroker}: each broker lists the groups it
 * coordinates), keeping consumer groups: protocol type {@code consumer}, or empty for groups that only store
 * offsets, and not share or streams groups. Sorted by group id.
 *
 * <p>Confined to its call (see {@link CallHandler}).
 */
public final class ListConsumerGroupsHandler implements CallHandler<List<ConsumerGroupListing>> {
    static final String CALL = "listConsumerGroups";
    private static final Set<String> NOT_CONSUMER_TYPES = Set.of("share", "streams");

    private final Set<String> states;
    private final EveryBroker<List<ConsumerGroupListing>> brokers = new EveryBroker<>(CALL);

    /** @param states only groups in these states; empty for all */
    public ListConsumerGroupsHandler(Collection<String> states) {
        this.states = Set.copyOf(Objects.requireNonNull(states, "states"));
    }

    @Override
    public String callName() {
        return CALL;
    }

    @Override
    public List<CallRequest> nextRequests(long remainingMs) {
        return brokers.nextRequests(this::request);
    }

    private CallRequest request(Endpoint broker) {
        List<String> filter = List.copyOf(new TreeSet<>(states));
        RequestBuilder request = RequestBuilder.of(ApiKey.LIST_GROUPS, version -> ListGroupsRequest.builder()
                .statesFilter(Capability.LIST_GROUPS_STATES.at(version) ? filter : List.of()).build());
        if (!states.isEmpty()) {
            request = request.requiring(Capability.LIST_GROUPS_STATES);
        }
        return CallRequest.toBroker(broker, request);
    }

    @Override
    public Step<List<ConsumerGroupListing>> onResponse(CallRequest request, Endpoint from, ApiMessage response) {
        if (response instanceof MetadataResponse metadata) {
            return brokers.onMetadata(metadata);
        }
        ListGroupsResponse listed = (ListGroupsResponse) response;
        List<ConsumerGroupListing> groups = new ArrayList<>();
        for (ListGroupsResponse.ListedGroup g : listed.groups()) {
            boolean consumer = g.protocolType().isEmpty() || g.protocolType().equals("consumer");
            if (consumer && !NOT_CONSUMER_TYPES.contains(g.groupType())) {
                groups.add(new ConsumerGroupListing(g.groupId(), g.groupState(), g.groupType(), g.protocolType()));
            }
        }
        return brokers.onAnswer(from, AdminErrors.forCode(listed.errorCode()), List.copyOf(groups), this::finish);
    }

    @Override
    public Step<List<ConsumerGroupListing>> onFailure(CallRequest request, Endpoint to, Throwable error) {
        return brokers.onFailure(to, error, this::finish);
    }

    private Step<List<ConsumerGroupListing>> finish() {
        return brokers.results().finish(ListConsumerGroupsHandler::merge, true);
    }

    private static List<ConsumerGroupListing> merge(Map<Integer, List<ConsumerGroupListing>> byBroker) {
        Map<String, ConsumerGroupListing> byId = new TreeMap<>();
        byBroker.values().forEach(listings -> listings.forEach(l -> byId.putIfAbsent(l.groupId(), l)));
        List<ConsumerGroupListing> sorted = new ArrayList<>(byId.values());
        sorted.sort(Comparator.comparing(ConsumerGroupListing::groupId));
        return List.copyOf(sorted);
    }
}
