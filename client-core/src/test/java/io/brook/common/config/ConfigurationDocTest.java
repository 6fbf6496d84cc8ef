package io.brook.common.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** docs/CONFIGURATION.md must list every key of every client exactly as the definitions say. */
class ConfigurationDocTest {

    @Test
    void documentMatchesTheDefinitions() {
        String document = ConfigurationDocs.read(ConfigurationDocs.documentPath());
        for (ConfigDefinition definition : ConfigurationDocs.DEFINITIONS) {
            assertThat(ConfigDocumentation.section(document, definition.clientName()))
                    .as("section '%s' of docs/CONFIGURATION.md is out of date; regenerate it with the main of "
                            + "io.brook.common.config.ConfigurationDocs (see its Javadoc)", definition.clientName())
                    .isEqualTo(ConfigDocumentation.render(definition));
        }
    }

    @Test
    void everyKeyOfEveryClientIsInTheDocument() {
        String document = ConfigurationDocs.read(ConfigurationDocs.documentPath());
        for (ConfigDefinition definition : ConfigurationDocs.DEFINITIONS) {
            String section = ConfigDocumentation.section(document, definition.clientName());
            for (ConfigKey<?> key : definition.keys()) {
                assertThat(section).as(definition.clientName()).contains("| `" + key.name() + "` |");
            }
        }
    }
}
