package io.brook.core.internal.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import io.brook.common.config.AdminConfigs;
import io.brook.common.config.MetadataRecoveryStrategy;
import io.brook.core.internal.config.RetryBackoffs;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetadataConfigTest {

    @Test
    void readsTheMetadataKeys() {
        MetadataConfig c = MetadataConfig.from(AdminConfigs.DEFINITION.parse(Map.of("bootstrap.servers", "a:1",
                "metadata.max.age.ms", 1_000, "retry.backoff.ms", 50, "retry.backoff.max.ms", 800,
                "metadata.recovery.strategy", "none", "metadata.recovery.rebootstrap.trigger.ms", 7_000)),
                "tool", true);
        assertThat(c.metadataMaxAgeMs()).isEqualTo(1_000);
        assertThat(c.retryBackoff().initialMs()).isEqualTo(50);
        assertThat(c.retryBackoff().maxMs()).isEqualTo(800);
        assertThat(c.retryBackoff().jitter()).isEqualTo(RetryBackoffs.JITTER);
        assertThat(c.recoveryStrategy()).isEqualTo(MetadataRecoveryStrategy.NONE);
        assertThat(c.rebootstrapTriggerMs()).isEqualTo(7_000);
        assertThat(c.allowAutoTopicCreation()).isTrue();
    }

    @Test
    void aRetryMaximumBelowTheInitialBackoffMakesItFixed() {
        MetadataConfig c = MetadataConfig.from(AdminConfigs.DEFINITION.parse(Map.of("bootstrap.servers", "a:1",
                "retry.backoff.ms", 300, "retry.backoff.max.ms", 100)), "tool", false);
        assertThat(c.retryBackoff().backoffMs(0)).isEqualTo(300);
        assertThat(c.retryBackoff().backoffMs(5)).isEqualTo(300);
    }
}
