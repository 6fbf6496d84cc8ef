package io.brook.it.admin;

import static io.brook.it.admin.KafkaClients.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.brook.admin.Admin;
import io.brook.admin.AlterConfigOp;
import io.brook.admin.AlterConfigsOptions;
import io.brook.admin.Config;
import io.brook.admin.ConfigEntry;
import io.brook.admin.ConfigResource;
import io.brook.admin.DescribeConfigsOptions;
import io.brook.admin.DescribeTopicsOptions;
import io.brook.admin.NewTopic;
import io.brook.admin.PartialFailureException;
import io.brook.admin.TopicDescription;
import io.brook.common.errors.InvalidConfigurationException;
import io.brook.common.errors.UnknownTopicOrPartitionException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Configs through Brook's Admin against a real broker, cross-checked with kafka-clients' Admin. */
class ConfigAdminIT extends AdminItBase {
    @Override
    String clientId() {
        return "brook-config-it";
    }

    /** One key as both clients report it: name, value, source, sensitive, read-only, default, synonyms. */
    private record Entry(String value, String source, boolean sensitive, boolean readOnly, boolean isDefault,
            List<String> synonyms) {}

    private static Map<String, Entry> entries(Config config) {
        Map<String, Entry> byName = new TreeMap<>();
        config.entries().values().forEach(e -> byName.put(e.name(), new Entry(e.value(), e.source().name(),
                e.sensitive(), e.readOnly(), e.isDefault(),
                e.synonyms().stream().map(s -> s.name() + "=" + s.value() + "@" + s.source()).toList())));
        return byName;
    }

    private Map<String, Entry> kafkaEntries(org.apache.kafka.common.config.ConfigResource.Type type, String name,
            boolean synonyms) throws Exception {
        var resource = new org.apache.kafka.common.config.ConfigResource(type, name);
        var config = kafka.admin().describeConfigs(List.of(resource),
                new org.apache.kafka.clients.admin.DescribeConfigsOptions().includeSynonyms(synonyms))
                .all().get(30, TimeUnit.SECONDS).get(resource);
        Map<String, Entry> byName = new TreeMap<>();
        config.entries().forEach(e -> byName.put(e.name(), new Entry(e.value(), e.source().name(), e.isSensitive(),
                e.isReadOnly(), e.isDefault(),
                e.synonyms().stream().map(s -> s.name() + "=" + s.value() + "@" + s.source()).toList())));
        return byName;
    }

    @Test
    void topicConfigsWithSourcesAndDefaultsMatchKafkaClients() throws Exception {
        String topic = unique("configs");
        get(brook.createTopics(List.of(new NewTopic(topic, 1, (short) 1, Map.of("retention.ms", "3600000",
                "cleanup.policy", "compact")))));

        Config byBrook = get(brook.describeConfigs(List.of(ConfigResource.topic(topic)))).get(
                ConfigResource.topic(topic));

        assertThat(entries(byBrook)).isEqualTo(kafkaEntries(org.apache.kafka.common.config.ConfigResource.Type.TOPIC,
                topic, false));
        assertThat(byBrook.get("retention.ms").source()).isEqualTo(ConfigEntry.Source.DYNAMIC_TOPIC_CONFIG);
        assertThat(byBrook.value("cleanup.policy")).isEqualTo("compact");
        assertThat(byBrook.get("segment.bytes").isDefault()).isTrue();
    }

    @Test
    void brokerConfigsWithSynonymsMatchKafkaClientsAndComeFromThatBroker() throws Exception {
        int brokerId = kafka.describeCluster().nodes().get(0).id();
        ConfigResource broker = ConfigResource.broker(brokerId);

        Map<ConfigResource, Config> byBrook = get(brook.describeConfigs(List.of(broker),
                DescribeConfigsOptions.defaults().withIncludeSynonyms(true)));

        assertThat(entries(byBrook.get(broker))).isEqualTo(kafkaEntries(
                org.apache.kafka.common.config.ConfigResource.Type.BROKER, broker.name(), true));
        assertThat(byBrook.get(broker).get("auto.create.topics.enable").source())
                .isEqualTo(ConfigEntry.Source.STATIC_BROKER_CONFIG);
        assertThat(byBrook.get(broker).get("auto.create.topics.enable").synonyms()).isNotEmpty();
    }

    @Test
    void describeTopicsCanIncludeTheirConfigs() throws Exception {
        String topic = unique("described-configs");
        kafka.createTopic(topic, 2, (short) 1);

        TopicDescription described = get(brook.describeTopics(List.of(topic),
                DescribeTopicsOptions.defaults().withIncludeConfigs(true))).get(topic);

        assertThat(described.partitions()).isEqualTo(kafka.describe(topic).partitions());
        assertThat(entries(described.configs())).isEqualTo(kafkaEntries(
                org.apache.kafka.common.config.ConfigResource.Type.TOPIC, topic, false));
        assertThat(get(brook.describeTopics(List.of(topic))).get(topic).configs().isEmpty()).isTrue();
    }

    @Test
    void anUnknownTopicAmongKnownResourcesIsAPartialFailure() throws Exception {
        String topic = unique("configs-known");
        String missing = unique("configs-missing");
        kafka.createTopic(topic, 1, (short) 1);

        PartialFailureException partial = (PartialFailureException) failure(brook.describeConfigs(List.of(
                ConfigResource.topic(topic), ConfigResource.topic(missing))));

        assertThat(partial.failures(ConfigResource.class)).containsOnlyKeys(ConfigResource.topic(missing));
        assertThat(partial.failures().get(ConfigResource.topic(missing)))
                .isInstanceOf(UnknownTopicOrPartitionException.class).hasMessageContaining(missing);
        Config known = partial.results(ConfigResource.class, Config.class).get(ConfigResource.topic(topic));
        assertThat(entries(known)).isEqualTo(kafkaEntries(org.apache.kafka.common.config.ConfigResource.Type.TOPIC,
                topic, false));
    }

    @Test
    void incrementalAlterSetsDeletesAppendsAndSubtractsAsKafkaClientsSees() throws Exception {
        String topic = unique("alter-configs");
        kafka.createTopic(topic, 1, (short) 1);
        ConfigResource resource = ConfigResource.topic(topic);

        get(brook.incrementalAlterConfigs(Map.of(resource, List.of(AlterConfigOp.set("retention.ms", "7200000"),
                AlterConfigOp.append("cleanup.policy", "compact")))));
        assertThat(kafka.topicOverrides(topic)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "retention.ms", "7200000", "cleanup.policy", "delete,compact"));

        get(brook.incrementalAlterConfigs(Map.of(resource, List.of(AlterConfigOp.delete("retention.ms"),
                AlterConfigOp.subtract("cleanup.policy", "delete")))));
        assertThat(kafka.topicOverrides(topic)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "cleanup.policy", "compact"));

        get(brook.incrementalAlterConfigs(Map.of(resource, List.of(AlterConfigOp.set("retention.ms", "1000"))),
                AlterConfigsOptions.defaults().withValidateOnly(true)));
        assertThat(kafka.topicOverrides(topic)).doesNotContainKey("retention.ms");
        assertThatThrownBy(() -> brook.incrementalAlterConfigs(Map.of(resource, List.of(
                AlterConfigOp.set("retention.ms", "1"), AlterConfigOp.delete("retention.ms")))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aBrokerConfigChangeIsValidatedByThatBroker() throws Exception {
        int brokerId = kafka.describeCluster().nodes().get(0).id();

        get(brook.incrementalAlterConfigs(Map.of(ConfigResource.broker(brokerId),
                List.of(AlterConfigOp.set("log.cleaner.threads", "2"))),
                AlterConfigsOptions.defaults().withValidateOnly(true)));

        Throwable error = failure(brook.incrementalAlterConfigs(Map.of(ConfigResource.broker(brokerId),
                List.of(AlterConfigOp.set("log.cleaner.threads", "many"))),
                AlterConfigsOptions.defaults().withValidateOnly(true)));

        var resource = new org.apache.kafka.common.config.ConfigResource(
                org.apache.kafka.common.config.ConfigResource.Type.BROKER, Integer.toString(brokerId));
        Throwable byKafka = org.junit.jupiter.api.Assertions.assertThrows(java.util.concurrent.ExecutionException.class,
                () -> kafka.admin().incrementalAlterConfigs(Map.of(resource, List.of(
                        new org.apache.kafka.clients.admin.AlterConfigOp(
                                new org.apache.kafka.clients.admin.ConfigEntry("log.cleaner.threads", "many"),
                                org.apache.kafka.clients.admin.AlterConfigOp.OpType.SET))),
                        new org.apache.kafka.clients.admin.AlterConfigsOptions().validateOnly(true))
                        .all().get(30, TimeUnit.SECONDS)).getCause();
        assertThat(((io.brook.common.errors.ApiException) error).error().code())
                .isEqualTo(org.apache.kafka.common.protocol.Errors.forException(byKafka).code());
        assertThat(error).isInstanceOf(io.brook.common.errors.InvalidRequestException.class)
                .hasMessageContaining("broker " + brokerId).hasMessageContaining("log.cleaner.threads");
    }

    @Test
    void oneResourceFailingDoesNotStopTheOthers() throws Exception {
        String good = unique("alter-good");
        String bad = unique("alter-bad");
        kafka.createTopic(good, 1, (short) 1);
        kafka.createTopic(bad, 1, (short) 1);

        Map<ConfigResource, List<AlterConfigOp>> changes = new LinkedHashMap<>();
        changes.put(ConfigResource.topic(good), List.of(AlterConfigOp.set("retention.ms", "5000000")));
        changes.put(ConfigResource.topic(bad), List.of(AlterConfigOp.set("no.such.topic.key", "1")));
        PartialFailureException partial = (PartialFailureException) failure(brook.incrementalAlterConfigs(changes));

        assertThat(partial.failures().get(ConfigResource.topic(bad))).isInstanceOf(InvalidConfigurationException.class);
        assertThat(partial.succeeded()).containsExactly(ConfigResource.topic(good));
        assertThat(kafka.topicOverrides(good)).containsEntry("retention.ms", "5000000");
    }
}
