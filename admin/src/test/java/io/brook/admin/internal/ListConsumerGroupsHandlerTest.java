package io.brook.admin.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.brook.admin.ConsumerGroupListing;
import io.brook.admin.PartialFailureException;
import io.brook.common.errors.CoordinatorLoadInProgressException;
import io.brook.common.errors.UnknownServerException;
import io.brook.core.internal.call.CallRequest;
import io.brook.core.internal.call.Step;
import io.brook.core.internal.call.TestMetadata;
import io.brook.protocol.Errors;
import io.brook.protocol.message.ListGroupsRequest;
import io.brook.protocol.message.ListGroupsResponse;
import io.brook.protocol.message.MetadataRequest;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@link ListConsumerGroupsHandler} and, through it, {@link EveryBroker}. */
class ListConsumerGroupsHandlerTest {

    private static ListGroupsResponse listed(Errors error, ListGroupsResponse.ListedGroup... groups) {
        return ListGroupsResponse.builder().errorCode(error.code()).groups(List.of(groups)).build();
    }

    private static ListGroupsResponse.ListedGroup group(String id, String protocolType, String type) {
        return ListGroupsResponse.ListedGroup.builder().groupId(id).protocolType(protocolType).groupState("Stable")
                .groupType(type).build();
    }

    @Test
    void asksEveryLiveBrokerAndKeepsOnlyConsumerGroupsSortedById() {
        ListConsumerGroupsHandler handler = new ListConsumerGroupsHandler(Set.of());
        CallRequest metadata = handler.nextRequests(1_000).get(0);
        assertThat(((MetadataRequest) metadata.body()).topics()).as("brokers only").isEmpty();
        handler.onResponse(metadata, TestMetadata.broker(1), Responses.metadata(new int[] {1, 2}));

        List<CallRequest> perBroker = handler.nextRequests(1_000);
        assertThat(perBroker).extracting(CallRequest::endpoint)
                .containsExactly(TestMetadata.broker(1), TestMetadata.broker(2));
        assertThat(handler.onResponse(perBroker.get(0), TestMetadata.broker(1), listed(Errors.NONE,
                group("z", "consumer", "classic"), group("connect-1", "connect", "classic"))))
                .isInstanceOf(Step.SendNext.class);
        Step<List<ConsumerGroupListing>> done = handler.onResponse(perBroker.get(1), TestMetadata.broker(2),
                listed(Errors.NONE, group("a", "", "classic"), group("s", "consumer", "share"),
                        group("k", "consumer", "consumer")));

        assertThat(done).isEqualTo(Step.done(List.of(new ConsumerGroupListing("a", "Stable", "classic", ""),
                new ConsumerGroupListing("k", "Stable", "consumer", "consumer"),
                new ConsumerGroupListing("z", "Stable", "classic", "consumer"))));
    }

    @Test
    void aLoadingBrokerIsAskedAgainAndAFailingOneIsReportedByNodeId() {
        ListConsumerGroupsHandler handler = new ListConsumerGroupsHandler(Set.of("Stable"));
        handler.onResponse(handler.nextRequests(1_000).get(0), TestMetadata.broker(1),
                Responses.metadata(new int[] {1, 2}));
        List<CallRequest> perBroker = handler.nextRequests(1_000);
        assertThat(((ListGroupsRequest) perBroker.get(0).body()).statesFilter()).containsExactly("Stable");

        Step<List<ConsumerGroupListing>> loading = handler.onResponse(perBroker.get(0), TestMetadata.broker(1),
                listed(Errors.COORDINATOR_LOAD_IN_PROGRESS));
        assertThat(((Step.Retry<?>) loading).reason()).isInstanceOf(CoordinatorLoadInProgressException.class);
        handler.onResponse(perBroker.get(1), TestMetadata.broker(2), listed(Errors.NONE, group("g", "consumer",
                "classic")));

        List<CallRequest> again = handler.nextRequests(1_000);
        assertThat(again).extracting(CallRequest::endpoint).containsExactly(TestMetadata.broker(1));
        Step<List<ConsumerGroupListing>> end = handler.onResponse(again.get(0), TestMetadata.broker(1),
                listed(Errors.UNKNOWN_SERVER_ERROR));

        PartialFailureException partial = (PartialFailureException) ((Step.Failed<?>) end).error();
        assertThat(partial.failures(Integer.class)).containsOnlyKeys(1);
        assertThat(partial.failures().get(1)).isInstanceOf(UnknownServerException.class)
                .hasMessageContaining("broker 1");
        assertThat(partial.results()).containsOnlyKeys(2);
    }

    @Test
    void aStateFilterNeedsAVersionThatFilters() {
        ListConsumerGroupsHandler handler = new ListConsumerGroupsHandler(Set.of("Empty"));
        handler.onResponse(handler.nextRequests(1_000).get(0), TestMetadata.broker(1),
                Responses.metadata(new int[] {1}));
        assertThat(handler.nextRequests(1_000).get(0).request().allowedVersions().min()).isEqualTo((short) 4);

        ListConsumerGroupsHandler all = new ListConsumerGroupsHandler(Set.of());
        all.onResponse(all.nextRequests(1_000).get(0), TestMetadata.broker(1), Responses.metadata(new int[] {1}));
        CallRequest any = all.nextRequests(1_000).get(0);
        assertThat(((ListGroupsRequest) any.request().build((short) 3)).statesFilter()).isEmpty();
    }
}
