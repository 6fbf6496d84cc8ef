package io.brook.admin.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.brook.admin.ConsumerGroupDescription;
import io.brook.admin.MemberDescription;
import io.brook.admin.PartialFailureException;
import io.brook.common.OffsetAndMetadata;
import io.brook.common.TopicPartition;
import io.brook.common.errors.CoordinatorLoadInProgressException;
import io.brook.common.errors.GroupAuthorizationException;
import io.brook.common.errors.GroupIdNotFoundException;
import io.brook.common.errors.UnsupportedVersionException;
import io.brook.core.internal.call.CallRequest;
import io.brook.core.internal.call.CoordinatorKey;
import io.brook.core.internal.call.Step;
import io.brook.core.internal.call.TestMetadata;
import io.brook.core.internal.group.ConsumerProtocol;
import io.brook.core.internal.network.Endpoint;
import io.brook.protocol.ApiKey;
import io.brook.protocol.Errors;
import io.brook.protocol.message.ConsumerGroupDescribeResponse;
import io.brook.protocol.message.DescribeGroupsRequest;
import io.brook.protocol.message.DescribeGroupsResponse;
import io.brook.protocol.message.OffsetFetchRequest;
import io.brook.protocol.message.OffsetFetchResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The consumer-group handlers' protocol logic, request by request. */
class ConsumerGroupHandlersTest {
    private static final Endpoint COORDINATOR = TestMetadata.broker(2);

    private static ConsumerGroupDescribeResponse consumerGroupError(String group, Errors error) {
        return ConsumerGroupDescribeResponse.builder().groups(List.of(ConsumerGroupDescribeResponse.DescribedGroup
                .builder().groupId(group).errorCode(error.code()).errorMessage("m").build())).build();
    }

    private static DescribeGroupsResponse classicGroup(String group, String protocolType, byte[] assignment) {
        return DescribeGroupsResponse.builder().groups(List.of(DescribeGroupsResponse.DescribedGroup.builder()
                .groupId(group).errorCode(Errors.NONE.code()).groupState("Stable").protocolType(protocolType)
                .protocolData("range").members(List.of(DescribeGroupsResponse.DescribedGroupMember.builder()
                        .memberId("m-1").clientId("c-1").clientHost("/10.0.0.7").memberMetadata(new byte[0])
                        .memberAssignment(assignment).build())).build())).build();
    }

    @Test
    void aClassicGroupIsAskedAgainWithDescribeGroupsAndItsAssignmentDecoded() {
        DescribeConsumerGroupsHandler handler = new DescribeConsumerGroupsHandler(List.of("g"));
        CallRequest first = handler.nextRequests(1_000).get(0);
        assertThat(first.request().apiKey()).isEqualTo(ApiKey.CONSUMER_GROUP_DESCRIBE);
        assertThat(first.coordinatorKey()).isEqualTo(CoordinatorKey.group("g"));

        assertThat(handler.onResponse(first, COORDINATOR, consumerGroupError("g", Errors.GROUP_ID_NOT_FOUND)))
                .isInstanceOf(Step.SendNext.class);
        CallRequest second = handler.nextRequests(1_000).get(0);
        assertThat(((DescribeGroupsRequest) second.body()).groups()).containsExactly("g");
        byte[] assignment = new ConsumerProtocol.Assignment(List.of(new TopicPartition("t", 0),
                new TopicPartition("t", 3))).toBytes((short) 1);

        Step<Map<String, ConsumerGroupDescription>> done = handler.onResponse(second, COORDINATOR,
                classicGroup("g", "consumer", assignment));

        assertThat(done).isEqualTo(Step.done(Map.of("g", new ConsumerGroupDescription("g", "Stable",
                List.of(new MemberDescription("m-1", "c-1", "/10.0.0.7",
                        Set.of(new TopicPartition("t", 0), new TopicPartition("t", 3)))),
                "range", "classic", false, 2))));
    }

    @Test
    void aBrokerWithoutConsumerGroupDescribeIsAskedTheClassicWay() {
        DescribeConsumerGroupsHandler handler = new DescribeConsumerGroupsHandler(List.of("g"));
        CallRequest first = handler.nextRequests(1_000).get(0);

        assertThat(handler.onFailure(first, COORDINATOR, new UnsupportedVersionException("no such API")))
                .isInstanceOf(Step.SendNext.class);

        assertThat(handler.nextRequests(1_000).get(0).request().apiKey()).isEqualTo(ApiKey.DESCRIBE_GROUPS);
    }

    @Test
    void groupsOfOtherProtocolsAndUnreachableCoordinatorsFailOnTheirOwn() {
        DescribeConsumerGroupsHandler handler = new DescribeConsumerGroupsHandler(List.of("connect", "denied"));
        List<CallRequest> round = handler.nextRequests(1_000);
        handler.onResponse(round.get(0), COORDINATOR, consumerGroupError("connect", Errors.GROUP_ID_NOT_FOUND));
        // The coordinator of "denied" could not even be looked up: the driver reports it with no broker.
        assertThat(handler.onFailure(round.get(1), null, Errors.GROUP_AUTHORIZATION_FAILED.exception("denied")))
                .isInstanceOf(Step.SendNext.class);

        Step<Map<String, ConsumerGroupDescription>> end = handler.onResponse(handler.nextRequests(1_000).get(0),
                COORDINATOR, classicGroup("connect", "connect", new byte[0]));

        PartialFailureException partial = (PartialFailureException) ((Step.Failed<?>) end).error();
        assertThat(partial.failures().get("connect")).isInstanceOf(GroupIdNotFoundException.class)
                .hasMessageContaining("protocol type connect");
        assertThat(partial.failures().get("denied")).isInstanceOf(GroupAuthorizationException.class);
    }

    @Test
    void committedOffsetsAreFetchedInTheLayoutOfTheNegotiatedVersion() {
        ListConsumerGroupOffsetsHandler handler = new ListConsumerGroupOffsetsHandler("g", false);
        CallRequest request = handler.nextRequest(1_000);

        OffsetFetchRequest v7 = (OffsetFetchRequest) request.request().build((short) 7);
        OffsetFetchRequest v9 = (OffsetFetchRequest) request.request().build((short) 9);
        assertThat(v7.groupId()).isEqualTo("g");
        assertThat(v7.topics()).as("every committed partition").isNull();
        assertThat(v9.groups()).singleElement().satisfies(g -> {
            assertThat(g.groupId()).isEqualTo("g");
            assertThat(g.topics()).isNull();
        });
        assertThat(request.request().allowedVersions().min()).as("null topics need v2").isEqualTo((short) 2);
        assertThat(new ListConsumerGroupOffsetsHandler("g", true).nextRequest(1_000).request().allowedVersions()
                .min()).isEqualTo((short) 7);
    }

    private static OffsetFetchResponse fetched(Errors groupError, Object... tpOffsetError) {
        List<OffsetFetchResponse.OffsetFetchResponsePartitions> parts = new java.util.ArrayList<>();
        for (int i = 0; i < tpOffsetError.length; i += 3) {
            parts.add(OffsetFetchResponse.OffsetFetchResponsePartitions.builder()
                    .partitionIndex((Integer) tpOffsetError[i]).committedOffset((Long) tpOffsetError[i + 1])
                    .metadata("md").errorCode(((Errors) tpOffsetError[i + 2]).code()).build());
        }
        return OffsetFetchResponse.builder().groups(List.of(OffsetFetchResponse.OffsetFetchResponseGroup.builder()
                .groupId("g").errorCode(groupError.code()).topics(List.of(OffsetFetchResponse.OffsetFetchResponseTopics
                        .builder().name("t").partitions(parts).build())).build())).build();
    }

    @Test
    void committedOffsetsLeaveOutUncommittedPartitionsAndRetryWhileTheCoordinatorLoads() {
        ListConsumerGroupOffsetsHandler handler = new ListConsumerGroupOffsetsHandler("g", false);
        CallRequest request = handler.nextRequest(1_000);

        Step<Map<TopicPartition, OffsetAndMetadata>> loading = handler.onResponse(request, COORDINATOR,
                fetched(Errors.COORDINATOR_LOAD_IN_PROGRESS));
        assertThat(((Step.Retry<?>) loading).reason()).isInstanceOf(CoordinatorLoadInProgressException.class);

        assertThat(handler.onResponse(request, COORDINATOR, fetched(Errors.NONE, 0, 12L, Errors.NONE,
                1, -1L, Errors.NONE))).isEqualTo(Step.done(Map.of(new TopicPartition("t", 0),
                new OffsetAndMetadata(12, "md"))));
    }

    @Test
    void lagIsComputedFromCommittedAndEndOffsetsAndPartialFailuresCarryLags() {
        ConsumerGroupLagHandler handler = new ConsumerGroupLagHandler("g", false);
        CallRequest fetch = handler.nextRequests(1_000).get(0);
        assertThat(fetch.coordinatorKey()).isEqualTo(CoordinatorKey.group("g"));
        assertThat(handler.onResponse(fetch, COORDINATOR, fetched(Errors.NONE, 0, 4L, Errors.NONE, 1, 10L,
                Errors.NONE))).isInstanceOf(Step.SendNext.class);

        CallRequest metadata = handler.nextRequests(1_000).get(0);
        assertThat(metadata.request().apiKey()).isEqualTo(ApiKey.METADATA);
        handler.onResponse(metadata, TestMetadata.broker(1), Responses.metadata(new int[] {1},
                ListOffsetsHandlerTest.ledBy("t", 1, 1)));
        CallRequest ends = handler.nextRequests(1_000).get(0);
        Step<Map<TopicPartition, Long>> end = handler.onResponse(ends, TestMetadata.broker(1),
                ListOffsetsHandlerTest.offsets(new TopicPartition("t", 0), Errors.NONE, 9L,
                        new TopicPartition("t", 1), Errors.UNKNOWN_SERVER_ERROR, -1L));

        PartialFailureException partial = (PartialFailureException) ((Step.Failed<?>) end).error();
        assertThat(partial.call()).isEqualTo("consumerGroupLag");
        assertThat(partial.results()).as("lag, not the end offset").containsExactly(
                Map.entry(new TopicPartition("t", 0), 5L));
        assertThat(partial.failures()).containsOnlyKeys(new TopicPartition("t", 1));
    }

    @Test
    void aGroupWithoutCommitsHasNoLagAndNeedsNoOffsetLookup() {
        ConsumerGroupLagHandler handler = new ConsumerGroupLagHandler("g", false);
        assertThat(handler.onResponse(handler.nextRequests(1_000).get(0), COORDINATOR, fetched(Errors.NONE)))
                .isEqualTo(Step.done(Map.of()));
    }
}
