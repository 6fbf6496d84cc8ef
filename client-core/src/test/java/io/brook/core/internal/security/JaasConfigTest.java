package io.brook.core.internal.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.brook.common.config.ConfigException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JaasConfigTest {
    @Test
    void parsesKafkasForm() {
        JaasConfig jaas = JaasConfig.parse("org.apache.kafka.common.security.scram.ScramLoginModule required\n"
                + "  username=\"alice\" password=\"s3cr\\\"et\" tokenauth=false;");
        assertThat(jaas.moduleClass()).isEqualTo("org.apache.kafka.common.security.scram.ScramLoginModule");
        assertThat(jaas.moduleSimpleName()).isEqualTo("ScramLoginModule");
        assertThat(jaas.options()).containsExactly(Map.entry("username", "alice"), Map.entry("password", "s3cr\"et"),
                Map.entry("tokenauth", "false"));
        assertThat(jaas.toString()).doesNotContain("s3cr").contains("password");
    }

    @Test
    void acceptsNoOptionsAndTrailingSpace() {
        JaasConfig jaas = JaasConfig.parse("  x.OAuthBearerLoginModule optional ;  ");
        assertThat(jaas.options()).isEmpty();
    }

    @Test
    void errorsNameThePositionButNeverTheText() {
        String secret = "hunter2";
        for (String text : new String[] {
                "PlainLoginModule required username=\"u\" password=\"" + secret + "\"",
                "PlainLoginModule required username=\"u\" password=\"" + secret,
                "PlainLoginModule mandatory password=\"" + secret + "\";",
                "PlainLoginModule required password \"" + secret + "\";",
                "PlainLoginModule required password=\"" + secret + "\"; Second required;",
                "PlainLoginModule required password=\"" + secret + "\" password=\"" + secret + "\";"}) {
            assertThatThrownBy(() -> JaasConfig.parse(text)).as(text)
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining("sasl.jaas.config")
                    .hasMessageNotContaining(secret);
        }
    }
}
