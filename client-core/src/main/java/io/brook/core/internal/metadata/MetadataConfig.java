package io.brook.core.internal.metadata;

import io.brook.common.config.ClientConfig;
import io.brook.common.config.CommonConfigs;
import io.brook.common.config.MetadataRecoveryStrategy;
import io.brook.core.internal.config.RetryBackoffs;
import io.brook.core.internal.util.ExponentialBackoff;
import java.util.Objects;

/**
 * What a {@link MetadataManager} needs from the client configuration. Immutable.
 *
 * @param clientId names the client in log lines
 * @param metadataMaxAgeMs refresh at least this often ({@code metadata.max.age.ms})
 * @param retryBackoff the wait between refresh attempts after failures or incomplete answers, built from
 *     {@code retry.backoff.ms} and {@code retry.backoff.max.ms}
 * @param recoveryStrategy whether to re-bootstrap when no known broker answers
 * @param rebootstrapTriggerMs re-bootstrap after refreshes failed for this long
 *     ({@code metadata.recovery.rebootstrap.trigger.ms})
 * @param allowAutoTopicCreation sent in every Metadata request; the broker creates missing wanted topics if it is
 *     configured to and this is true
 */
public record MetadataConfig(String clientId, long metadataMaxAgeMs, ExponentialBackoff retryBackoff,
        MetadataRecoveryStrategy recoveryStrategy, long rebootstrapTriggerMs, boolean allowAutoTopicCreation) {
    public MetadataConfig {
        Objects.requireNonNull(clientId, "clientId");
        if (metadataMaxAgeMs < 0) {
            throw new IllegalArgumentException("metadataMaxAgeMs must be >= 0: " + metadataMaxAgeMs);
        }
        Objects.requireNonNull(retryBackoff, "retryBackoff");
        Objects.requireNonNull(recoveryStrategy, "recoveryStrategy");
        if (rebootstrapTriggerMs < 0) {
            throw new IllegalArgumentException("rebootstrapTriggerMs must be >= 0: " + rebootstrapTriggerMs);
        }
    }

    /**
     * Reads the metadata keys of a parsed client configuration; the retry backoff follows {@link RetryBackoffs}.
     *
     * @param clientId the effective client id (generated if {@code client.id} is empty)
     */
    public static MetadataConfig from(ClientConfig config, String clientId, boolean allowAutoTopicCreation) {
        return new MetadataConfig(clientId,
                config.get(CommonConfigs.METADATA_MAX_AGE_MS),
                RetryBackoffs.from(config),
                config.get(CommonConfigs.METADATA_RECOVERY_STRATEGY),
                config.get(CommonConfigs.METADATA_RECOVERY_REBOOTSTRAP_TRIGGER_MS),
                allowAutoTopicCreation);
    }
}
