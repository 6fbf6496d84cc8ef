package io.brook.consumer;

import io.brook.common.Deserializer;
import io.brook.common.event.ClientEventListener;
import io.brook.consumer.internal.DefaultConsumer;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Builds a {@link Consumer}: {@code Consumer.builder(config, keys, values).eventListener(l).build()}. Not
 * thread-safe.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public final class ConsumerBuilder<K, V> {
    private final Map<String, Object> config;
    private final Deserializer<K> keyDeserializer;
    private final Deserializer<V> valueDeserializer;
    private ClientEventListener eventListener;
    /** A MeterRegistry, held as Object so that this class loads without Micrometer on the class path. */
    private Object meterRegistry;

    /**
     * @param keyDeserializer null to use {@code key.deserializer}
     * @param valueDeserializer null to use {@code value.deserializer}
     */
    ConsumerBuilder(Map<String, ?> config, Deserializer<K> keyDeserializer, Deserializer<V> valueDeserializer) {
        this.config = new LinkedHashMap<>(Objects.requireNonNull(config, "config"));
        this.keyDeserializer = keyDeserializer;
        this.valueDeserializer = valueDeserializer;
    }

    static <K, V> ConsumerBuilder<K, V> fromConfig(Map<String, ?> config) {
        return new ConsumerBuilder<>(config, null, null);
    }

    /**
     * Receives the consumer's events ({@link io.brook.common.event.ClientEvent}: requests, group joins,
     * heartbeats, rebalances, commits, fetches, ...) on a thread of its own; see {@link ClientEventListener} for
     * the delivery rules.
     */
    public ConsumerBuilder<K, V> eventListener(ClientEventListener listener) {
        this.eventListener = listener;
        return this;
    }

    /**
     * Records the consumer's meters in {@code registry} (see {@code docs/CONSUMER.md}), tagged {@code client.id}
     * (and {@code topic}, {@code partition} for the lag gauges); removed when the consumer closes. Micrometer is an
     * optional dependency of Brook: without this call it is never loaded.
     */
    public ConsumerBuilder<K, V> meterRegistry(MeterRegistry registry) {
        this.meterRegistry = registry;
        return this;
    }

    /**
     * Starts the consumer.
     *
     * @throws io.brook.common.config.ConfigException if a key is unknown, a value invalid, or no deserializer is
     *     given or configured
     */
    public Consumer<K, V> build() {
        return DefaultConsumer.create(config, keyDeserializer, valueDeserializer, eventListener, meterRegistry);
    }
}
