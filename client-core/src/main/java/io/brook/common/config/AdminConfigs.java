package io.brook.common.config;

import static io.brook.common.config.Importance.LOW;

/**
 * The admin client's keys: the {@link CommonConfigs} (with Kafka's admin defaults for idle connections) plus
 * {@link #RETRIES}.
 */
public final class AdminConfigs {
    public static final ConfigKey<Integer> RETRIES = ConfigKey.builder("retries", ConfigType.INT)
            .defaultValue(Integer.MAX_VALUE).validator(Validators.between(0, Integer.MAX_VALUE)).importance(LOW)
            .documentation("How many times a failed retriable request is retried. The call's deadline "
                    + "(default.api.timeout.ms or its own timeout) usually ends retrying first.")
            .build();

    /** The admin client's key set. */
    public static final ConfigDefinition DEFINITION = ConfigDefinition.builder("admin")
            .include(CommonConfigs.DEFINITION)
            .override(CommonConfigs.CONNECTIONS_MAX_IDLE_MS, 300_000L)
            .add(RETRIES)
            .build();

    private AdminConfigs() {}
}
