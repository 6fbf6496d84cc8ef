package io.brook.consumer.internal;

import io.brook.common.config.ClientConfig;
import io.brook.common.config.CommonConfigs;
import io.brook.common.config.ConsumerConfigs;
import io.brook.common.config.IsolationLevel;
import io.brook.core.internal.config.RetryBackoffs;
import io.brook.core.internal.util.ExponentialBackoff;
import java.util.List;
import java.util.Optional;

/**
 * The consumer's parsed configuration, as the internals use it. Immutable.
 *
 * @param clientId the effective client id
 * @param groupId {@code group.id}, if set
 * @param groupInstanceId {@code group.instance.id}, if set (static membership)
 * @param assignors Brook's names of the configured assignors, in preference order
 */
record ConsumerSettings(String clientId, Optional<String> groupId, Optional<String> groupInstanceId,
        int sessionTimeoutMs, int heartbeatIntervalMs, int maxPollIntervalMs, List<String> assignors,
        boolean autoCommit, int autoCommitIntervalMs, ResetStrategy resetStrategy, int maxPollRecords,
        int fetchMinBytes, int fetchMaxBytes, int fetchMaxWaitMs, int maxPartitionFetchBytes, boolean checkCrcs,
        IsolationLevel isolationLevel, String rack, boolean excludeInternalTopics, boolean allowAutoCreateTopics,
        int requestTimeoutMs, int defaultApiTimeoutMs, ExponentialBackoff retryBackoff) {

    static ConsumerSettings from(ClientConfig config, String clientId) {
        Optional<String> groupId = Optional.ofNullable(config.get(ConsumerConfigs.GROUP_ID));
        List<String> assignors = config.get(ConsumerConfigs.PARTITION_ASSIGNMENT_STRATEGY).stream()
                .map(s -> ConsumerConfigs.assignorName(s).orElseThrow()).distinct().toList();
        return new ConsumerSettings(clientId, groupId,
                Optional.ofNullable(config.get(ConsumerConfigs.GROUP_INSTANCE_ID)),
                config.get(ConsumerConfigs.SESSION_TIMEOUT_MS),
                config.get(ConsumerConfigs.HEARTBEAT_INTERVAL_MS),
                config.get(ConsumerConfigs.MAX_POLL_INTERVAL_MS),
                assignors,
                config.get(ConsumerConfigs.ENABLE_AUTO_COMMIT) && groupId.isPresent(),
                config.get(ConsumerConfigs.AUTO_COMMIT_INTERVAL_MS),
                ResetStrategy.parse(config.get(ConsumerConfigs.AUTO_OFFSET_RESET)),
                config.get(ConsumerConfigs.MAX_POLL_RECORDS),
                config.get(ConsumerConfigs.FETCH_MIN_BYTES),
                config.get(ConsumerConfigs.FETCH_MAX_BYTES),
                config.get(ConsumerConfigs.FETCH_MAX_WAIT_MS),
                config.get(ConsumerConfigs.MAX_PARTITION_FETCH_BYTES),
                config.get(ConsumerConfigs.CHECK_CRCS),
                config.get(ConsumerConfigs.ISOLATION_LEVEL),
                config.get(ConsumerConfigs.CLIENT_RACK),
                config.get(ConsumerConfigs.EXCLUDE_INTERNAL_TOPICS),
                config.get(ConsumerConfigs.ALLOW_AUTO_CREATE_TOPICS),
                config.get(CommonConfigs.REQUEST_TIMEOUT_MS),
                config.get(CommonConfigs.DEFAULT_API_TIMEOUT_MS),
                RetryBackoffs.from(config));
    }
}
