package io.brook.benchmarks;

import io.brook.common.Serializers;
import io.brook.producer.Producer;
import io.brook.producer.ProducerRecord;
import io.brook.producer.RecordMetadata;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * One of the two clients under test, behind the few calls the producer benchmark makes. Both are configured alike
 * (same acks, idempotence, compression, linger and batch size; everything else at each client's defaults) and used
 * the way their API intends: kafka-clients with a {@code Callback}, Brook with a stage on the returned future; the
 * throughput phase uses one shared callback instance in both, so the benchmark itself allocates nothing per record.
 */
interface ProducerClient extends AutoCloseable {
    /** Sends one record; its outcome is counted by a shared callback. */
    void send(String topic, byte[] key, byte[] value);

    /** Sends one record and stores its send-to-ack latency in {@code latencies[index]} (-1 on error). */
    void sendTimed(String topic, byte[] key, byte[] value, long[] latencies, int index);

    /** Waits until every record sent so far is complete. */
    void flush();

    /** Records that failed. */
    long errors();

    @Override
    void close();

    /** The configuration keys both clients get: the same names and values, as Kafka spells them. */
    static Map<String, Object> settings(String bootstrap, Workload w, String clientId) {
        Map<String, Object> m = new HashMap<>();
        m.put("bootstrap.servers", bootstrap);
        m.putAll(BenchListener.clientProperties());
        m.put("client.id", clientId);
        m.put("acks", w.acks());
        m.put("enable.idempotence", w.acks().equals("all"));
        m.put("compression.type", w.compression());
        m.put("linger.ms", Integer.getInteger("bench.lingerMs", 5));
        m.put("batch.size", 16_384);
        return m;
    }

    static ProducerClient create(String client, String bootstrap, Workload w) {
        return switch (client) {
            case "brook" -> new Brook(bootstrap, w);
            case "kafka" -> new Kafka(bootstrap, w);
            default -> throw new IllegalArgumentException("client " + client);
        };
    }

    /** Brook's producer. */
    final class Brook implements ProducerClient {
        private final Producer<byte[], byte[]> producer;
        private final AtomicLong errors = new AtomicLong();
        private final BiConsumer<RecordMetadata, Throwable> counter = (md, e) -> {
            if (e != null) {
                errors.incrementAndGet();
            }
        };

        Brook(String bootstrap, Workload w) {
            // A short client id, so that the thread names fit Linux's 15-character thread names
            // (brook-bb-producer-sender shows as "brook-bb-produc" in the context-switch diagnostics).
            producer = Producer.create(settings(bootstrap, w, "bb"), Serializers.bytes(),
                    Serializers.bytes());
        }

        @Override
        public void send(String topic, byte[] key, byte[] value) {
            producer.send(new ProducerRecord<>(topic, key, value)).whenComplete(counter);
        }

        @Override
        public void sendTimed(String topic, byte[] key, byte[] value, long[] latencies, int index) {
            long start = System.nanoTime();
            producer.send(new ProducerRecord<>(topic, key, value)).whenComplete((md, e) ->
                    latencies[index] = e == null ? System.nanoTime() - start : -1);
        }

        @Override
        public void flush() {
            producer.flush();
        }

        @Override
        public long errors() {
            return errors.get();
        }

        @Override
        public void close() {
            producer.close(Duration.ofSeconds(30));
        }
    }

    /** kafka-clients' producer. */
    final class Kafka implements ProducerClient {
        private final KafkaProducer<byte[], byte[]> producer;
        private final AtomicLong errors = new AtomicLong();
        private final Callback counter = (md, e) -> {
            if (e != null) {
                errors.incrementAndGet();
            }
        };

        Kafka(String bootstrap, Workload w) {
            Properties props = new Properties();
            props.putAll(settings(bootstrap, w, "bench-kafka"));
            props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
            props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
            producer = new KafkaProducer<>(props);
        }

        @Override
        public void send(String topic, byte[] key, byte[] value) {
            producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>(topic, key, value), counter);
        }

        @Override
        public void sendTimed(String topic, byte[] key, byte[] value, long[] latencies, int index) {
            long start = System.nanoTime();
            producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>(topic, key, value), (md, e) ->
                    latencies[index] = e == null ? System.nanoTime() - start : -1);
        }

        @Override
        public void flush() {
            producer.flush();
        }

        @Override
        public long errors() {
            return errors.get();
        }

        @Override
        public void close() {
            producer.close(Duration.ofSeconds(30));
        }
    }
}
