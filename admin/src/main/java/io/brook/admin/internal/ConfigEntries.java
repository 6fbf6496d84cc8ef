package io.brook.admin.internal;

import io.brook.admin.Config;
import io.brook.admin.ConfigEntry;
import io.brook.protocol.message.DescribeConfigsResponse;
import java.util.ArrayList;
import java.util.List;

/** Maps DescribeConfigs answers to {@link Config}s. Stateless. */
final class ConfigEntries {
    private ConfigEntries() {}

    /** The configuration one DescribeConfigs result carries, keys in the broker's order. */
    static Config toConfig(DescribeConfigsResponse.DescribeConfigsResult result) {
        List<ConfigEntry> entries = new ArrayList<>(result.configs().size());
        for (DescribeConfigsResponse.DescribeConfigsResourceResult c : result.configs()) {
            List<ConfigEntry.Synonym> synonyms = new ArrayList<>(c.synonyms().size());
            for (DescribeConfigsResponse.DescribeConfigsSynonym s : c.synonyms()) {
                synonyms.add(new ConfigEntry.Synonym(s.name(), s.value(), ConfigEntry.Source.forId(s.source())));
            }
            entries.add(new ConfigEntry(c.name(), c.value(), ConfigEntry.Source.forId(c.configSource()),
                    c.isSensitive(), c.readOnly(), synonyms, c.documentation()));
        }
        return Config.of(entries);
    }
}
