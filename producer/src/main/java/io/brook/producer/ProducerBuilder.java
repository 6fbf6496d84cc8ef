package io.brook.producer;

import io.brook.common.Serializer;
import io.brook.common.config.ProducerOptions;
import io.brook.common.event.ClientEventListener;
import io.brook.producer.internal.DefaultProducer;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Objects;

/**
 * Builds a {@link Producer}: {@code Producer.builder(config)...build()}. Not thread-safe.
 *
 * @param <K> the key type, fixed by {@link #keySerializer}
 * @param <V> the value type, fixed by {@link #valueSerializer}
 */
public final class ProducerBuilder<K, V> {
    private final ProducerOptions options;
    private Serializer<?> keySerializer;
    private Serializer<?> valueSerializer;
    private Partitioner partitioner;
    private ClientEventListener eventListener;
    /** A MeterRegistry, held as Object so that this class loads without Micrometer on the class path. */
    private Object meterRegistry;

    ProducerBuilder(ProducerOptions options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    /** The key serializer; null uses {@code key.serializer}. */
    @SuppressWarnings("unchecked") // the builder's key type becomes the serializer's
    public <K2> ProducerBuilder<K2, V> keySerializer(Serializer<K2> serializer) {
        this.keySerializer = serializer;
        return (ProducerBuilder<K2, V>) this;
    }

    /** The value serializer; null uses {@code value.serializer}. */
    @SuppressWarnings("unchecked") // the builder's value type becomes the serializer's
    public <V2> ProducerBuilder<K, V2> valueSerializer(Serializer<V2> serializer) {
        this.valueSerializer = serializer;
        return (ProducerBuilder<K, V2>) this;
    }

    /** The partitioner of records without an explicit partition; wins over {@code partitioner.class}. */
    public ProducerBuilder<K, V> partitioner(Partitioner partitioner) {
        this.partitioner = partitioner;
        return this;
    }

    /**
     * Receives the producer's events ({@link io.brook.common.event.ClientEvent}: requests, retries,
     * {@link BatchSentEvent}, {@link BatchFailedEvent}, ...) on a thread of its own; see
     * {@link ClientEventListener} for the delivery rules.
     */
    public ProducerBuilder<K, V> eventListener(ClientEventListener listener) {
        this.eventListener = listener;
        return this;
    }

    /**
     * Records the producer's meters in {@code registry} (see {@code docs/PRODUCER.md} for the list), tagged
     * {@code client.id} and, where per topic, {@code topic}. They are removed when the producer closes. Micrometer
     * is an optional dependency of Brook: without this call it is never loaded.
     */
    public ProducerBuilder<K, V> meterRegistry(MeterRegistry registry) {
        this.meterRegistry = registry;
        return this;
    }

    /**
     * Starts the producer.
     *
     * @throws io.brook.common.config.ConfigException if the configuration is inconsistent (for example
     *     {@code enable.idempotence=true} with {@code acks=1}) or a serializer is neither given nor configured
     */
    @SuppressWarnings("unchecked") // the serializers were given with types K and V, or come from the config
    public Producer<K, V> build() {
        return DefaultProducer.create(options, (Serializer<K>) keySerializer, (Serializer<V>) valueSerializer,
                partitioner, eventListener, meterRegistry);
    }
}
