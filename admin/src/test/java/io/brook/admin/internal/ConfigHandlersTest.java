package io.brook.admin.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.brook.admin.AlterConfigOp;
import io.brook.admin.Config;
import io.brook.admin.ConfigEntry;
import io.brook.admin.ConfigResource;
import io.brook.admin.PartialFailureException;
import io.brook.common.errors.BrokerNotAvailableException;
import io.brook.core.internal.call.CallRequest;
import io.brook.core.internal.call.Step;
import io.brook.core.internal.call.TestMetadata;
import io.brook.protocol.ApiKey;
import io.brook.protocol.Errors;
import io.brook.protocol.message.DescribeConfigsRequest;
import io.brook.protocol.message.DescribeConfigsResponse;
import io.brook.protocol.message.IncrementalAlterConfigsRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The config handlers and {@link ConfigRouting}. */
class ConfigHandlersTest {

    private static DescribeConfigsResponse.DescribeConfigsResult described(ConfigResource r, String key,
            String value, ConfigEntry.Source source) {
        return DescribeConfigsResponse.DescribeConfigsResult.builder().errorCode(Errors.NONE.code())
                .resourceType(r.type().id()).resourceName(r.name()).configs(List.of(
                        DescribeConfigsResponse.DescribeConfigsResourceResult.builder().name(key).value(value)
                                .configSource(source.id()).isSensitive(false).readOnly(false).build())).build();
    }

    @Test
    void brokerResourcesGoToTheirBrokerOnceTheBrokersAreKnownAndTopicsToAnyBroker() {
        ConfigResource topic = ConfigResource.topic("t");
        ConfigResource broker2 = ConfigResource.broker(2);
        DescribeConfigsHandler handler = new DescribeConfigsHandler(List.of(topic, broker2), true, false);

        List<CallRequest> first = handler.nextRequests(1_000);
        assertThat(first).singleElement().satisfies(r -> assertThat(r.request().apiKey()).isEqualTo(ApiKey.METADATA));
        assertThat(handler.onResponse(first.get(0), TestMetadata.broker(1), Responses.metadata(new int[] {1, 2})))
                .isInstanceOf(Step.SendNext.class);

        List<CallRequest> second = handler.nextRequests(1_000);
        assertThat(second).extracting(CallRequest::endpoint).containsExactly(null, TestMetadata.broker(2));
        DescribeConfigsRequest toBroker = (DescribeConfigsRequest) second.get(1).body();
        assertThat(toBroker.includeSynonyms()).isTrue();
        assertThat(toBroker.resources()).singleElement().satisfies(r -> {
            assertThat(r.resourceType()).isEqualTo(ConfigResource.Type.BROKER.id());
            assertThat(r.resourceName()).isEqualTo("2");
            assertThat(r.configurationKeys()).as("every key").isNull();
        });

        handler.onResponse(second.get(0), TestMetadata.broker(1), DescribeConfigsResponse.builder().results(List.of(
                described(topic, "retention.ms", "100", ConfigEntry.Source.DYNAMIC_TOPIC_CONFIG))).build());
        Step<Map<ConfigResource, Config>> done = handler.onResponse(second.get(1), TestMetadata.broker(2),
                DescribeConfigsResponse.builder().results(List.of(described(broker2, "log.dirs", "/tmp",
                        ConfigEntry.Source.STATIC_BROKER_CONFIG))).build());

        Map<ConfigResource, Config> configs = ((Step.Done<Map<ConfigResource, Config>>) done).value();
        assertThat(configs.get(topic).get("retention.ms").source()).isEqualTo(ConfigEntry.Source.DYNAMIC_TOPIC_CONFIG);
        assertThat(configs.get(broker2).value("log.dirs")).isEqualTo("/tmp");
    }

    @Test
    void aBrokerIdTheClusterDoesNotKnowFailsItsResourceOnly() {
        ConfigResource known = ConfigResource.broker(1);
        ConfigResource gone = ConfigResource.broker(7);
        Map<ConfigResource, List<AlterConfigOp>> changes = new LinkedHashMap<>();
        changes.put(known, List.of(AlterConfigOp.set("log.cleaner.threads", "2")));
        changes.put(gone, List.of(AlterConfigOp.delete("log.cleaner.threads")));
        IncrementalAlterConfigsHandler handler = new IncrementalAlterConfigsHandler(changes, true);

        handler.onResponse(handler.nextRequests(1_000).get(0), TestMetadata.broker(1),
                Responses.metadata(new int[] {1}));
        CallRequest toOne = handler.nextRequests(1_000).get(0);
        IncrementalAlterConfigsRequest body = (IncrementalAlterConfigsRequest) toOne.body();
        assertThat(body.validateOnly()).isTrue();
        assertThat(body.resources()).singleElement().satisfies(r -> assertThat(r.configs()).singleElement()
                .satisfies(c -> assertThat(c.configOperation()).isEqualTo(AlterConfigOp.OpType.SET.id())));
        Step<Void> end = handler.onResponse(toOne, TestMetadata.broker(1), io.brook.protocol.message
                .IncrementalAlterConfigsResponse.builder().responses(List.of(io.brook.protocol.message
                        .IncrementalAlterConfigsResponse.AlterConfigsResourceResponse.builder()
                        .errorCode(Errors.NONE.code()).resourceType(known.type().id()).resourceName("1").build()))
                .build());

        PartialFailureException partial = (PartialFailureException) ((Step.Failed<?>) end).error();
        assertThat(partial.failures().get(gone)).isInstanceOf(BrokerNotAvailableException.class)
                .hasMessageContaining("no live broker has id 7");
        assertThat(partial.succeeded()).containsExactly(known);
    }

    @Test
    void aKeyChangedTwiceOrAResourceWithoutChangesIsRejectedBeforeSending() {
        ConfigResource t = ConfigResource.topic("t");
        assertThatThrownBy(() -> new IncrementalAlterConfigsHandler(Map.of(t, List.of()), false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no changes");
        assertThatThrownBy(() -> new IncrementalAlterConfigsHandler(Map.of(t, List.of(AlterConfigOp.set("a", "1"),
                AlterConfigOp.delete("a"))), false)).isInstanceOf(IllegalArgumentException.class);
    }
}
