package io.brook.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ConfigDocumentationTest {
    private static final ConfigDefinition TINY = ConfigDefinition.builder("tiny")
            .add(ConfigKey.builder("a.ms", ConfigType.LONG).defaultValue(5L).unit(ConfigUnit.MILLISECONDS)
                    .validator(Validators.atLeast(0)).importance(Importance.HIGH).documentation("Wait a | b.").build())
            .add(ConfigKey.builder("b", ConfigType.STRING).required().documentation("Needed.").build())
            .add(ConfigKey.builder("c", ConfigType.enumOf(ClientDnsLookup.class))
                    .defaultValue(ClientDnsLookup.USE_ALL_DNS_IPS).documentation("Lookup.").build())
            .add(ConfigKey.builder("d", ConfigType.STRING).defaultValue(null).documentation("Optional.").build())
            .add(ConfigKey.builder("e", ConfigType.STRING).defaultValue("").importance(Importance.LOW)
                    .documentation("Empty.").build())
            .build();

    @Test
    void rendersOneRowPerKeyWithDefaultUnitRangeAndEscapedText() {
        assertThat(ConfigDocumentation.render(TINY)).isEqualTo(""
                + "| Key | Type | Default | Unit | Valid values | Importance | Description |\n"
                + "|-----|------|---------|------|--------------|------------|-------------|\n"
                + "| `a.ms` | long | `5` | ms | [0, ...] | high | Wait a \\| b. |\n"
                + "| `b` | string | `(required)` |  |  | medium | Needed. |\n"
                + "| `c` | string | `use_all_dns_ips` |  | use_all_dns_ips, resolve_canonical_bootstrap_servers_only "
                + "| medium | Lookup. |\n"
                + "| `d` | string | `null` |  |  | medium | Optional. |\n"
                + "| `e` | string | `\"\"` |  |  | low | Empty. |\n");
    }

    @Test
    void updateAppendsAMissingSectionAndReplacesAnExistingOneKeepingTheRest() {
        String appended = ConfigDocumentation.update("# Title\n\nIntro.\n", TINY);
        assertThat(appended).startsWith("# Title\n\nIntro.\n\n## Tiny client\n\n<!-- BEGIN GENERATED CONFIG: tiny -->\n")
                .endsWith("<!-- END GENERATED CONFIG: tiny -->\n");
        assertThat(ConfigDocumentation.section(appended, "tiny")).isEqualTo(ConfigDocumentation.render(TINY));

        String stale = appended.replace("Needed.", "Old text.") + "\nTrailing notes.\n";
        String fixed = ConfigDocumentation.update(stale, TINY);
        assertThat(fixed).isEqualTo(appended + "\nTrailing notes.\n");
        assertThat(ConfigDocumentation.update(fixed, TINY)).isEqualTo(fixed);
    }

    @Test
    void sectionIsNullWhenAbsentAndAnUnclosedSectionFails() {
        assertThat(ConfigDocumentation.section("nothing here", "tiny")).isNull();
        assertThatThrownBy(() -> ConfigDocumentation.section(ConfigDocumentation.beginMarker("tiny") + "\n| x |\n",
                "tiny")).hasMessageContaining("never closes");
    }
}
