package io.brook.it.producer;

import io.brook.testkit.KafkaCluster;
import java.util.HashMap;
import java.util.Map;

/** Producer configurations for the ITs: the cluster's bootstrap servers plus the given keys and values. */
final class Configs {
    private Configs() {}

    static Map<String, Object> of(KafkaCluster cluster, Object... keysAndValues) {
        Map<String, Object> config = new HashMap<>();
        config.put("bootstrap.servers", cluster.bootstrapServers());
        for (int i = 0; i < keysAndValues.length; i += 2) {
            config.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return config;
    }
}
