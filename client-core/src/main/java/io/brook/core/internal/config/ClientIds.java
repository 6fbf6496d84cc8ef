package io.brook.core.internal.config;

import io.brook.common.config.ClientConfig;
import io.brook.common.config.CommonConfigs;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The client id a client uses: {@code client.id} if set, else a generated {@code <prefix>-<n>} (n counting from 1
 * per prefix in this JVM), as Kafka names its clients ({@code adminclient-1}, {@code producer-1}). Thread-safe.
 */
public final class ClientIds {
    private static final Map<String, AtomicInteger> COUNTERS = new ConcurrentHashMap<>();

    private ClientIds() {}

    /**
     * @param prefix e.g. {@code "adminclient"}, {@code "producer"}, {@code "consumer-<group>"}
     */
    public static String effective(ClientConfig config, String prefix) {
        String configured = config.get(CommonConfigs.CLIENT_ID);
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        return prefix + "-" + COUNTERS.computeIfAbsent(prefix, p -> new AtomicInteger()).incrementAndGet();
    }
}
