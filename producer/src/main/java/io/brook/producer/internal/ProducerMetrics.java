package io.brook.producer.internal;

import io.brook.core.internal.metrics.Meters;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.DoubleSupplier;

/**
 * The producer's meters (names in {@code docs/PRODUCER.md}), recorded through {@link Meters} so that nothing here
 * loads Micrometer. Per-topic meters are created on first use and tagged {@code topic}; every meter is tagged
 * {@code client.id} by {@link Meters}.
 *
 * <p>Threading: the recording methods run on the sender thread, which owns the per-topic map; the in-flight count is
 * atomic because a gauge reads it from the registry's thread.
 */
final class ProducerMetrics {
    static final String RECORDS_SENT = "brook.producer.records.sent";
    static final String BYTES_SENT = "brook.producer.bytes.sent";
    static final String BATCH_SIZE = "brook.producer.batch.size";
    static final String COMPRESSION_RATIO = "brook.producer.compression.ratio";
    static final String REQUEST_LATENCY = "brook.producer.request.latency";
    static final String RECORDS_IN_FLIGHT = "brook.producer.records.in.flight";
    static final String BUFFER_AVAILABLE = "brook.producer.buffer.available";
    static final String RETRIES = "brook.producer.retries";
    static final String ERRORS = "brook.producer.errors";

    private final Meters meters;
    private final Map<String, TopicMeters> topics = new HashMap<>();
    private final Meters.Timer requestLatency;
    private final AtomicLong recordsInFlight = new AtomicLong();

    ProducerMetrics(Meters meters, DoubleSupplier bufferAvailable) {
        this.meters = meters;
        this.requestLatency = meters.timer(REQUEST_LATENCY, "Time from sending a Produce request to its response");
        meters.gauge(RECORDS_IN_FLIGHT, "Records in Produce requests awaiting their response", "records",
                recordsInFlight::get);
        meters.gauge(BUFFER_AVAILABLE, "Bytes of buffer.memory not holding records", "bytes", bufferAvailable);
    }

    static ProducerMetrics none() {
        return new ProducerMetrics(Meters.none(), () -> 0);
    }

    boolean enabled() {
        return meters.enabled();
    }

    void requestSent(int records) {
        recordsInFlight.addAndGet(records);
    }

    void requestEnded(int records, long latencyNanos) {
        recordsInFlight.addAndGet(-records);
        requestLatency.recordNanos(latencyNanos);
    }

    long recordsInFlight() {
        return recordsInFlight.get();
    }

    void batchSent(String topic, int records, int bytes, float compressionRatio) {
        if (!meters.enabled()) {
            return;
        }
        TopicMeters t = topic(topic);
        t.records.increment(records);
        t.bytes.increment(bytes);
        t.batchSize.record(bytes);
        t.compressionRatio.record(compressionRatio);
    }

    void retried(String topic) {
        if (meters.enabled()) {
            topic(topic).retries.increment(1);
        }
    }

    void failed(String topic, int records) {
        if (meters.enabled()) {
            topic(topic).errors.increment(records);
        }
    }

    private TopicMeters topic(String topic) {
        TopicMeters t = topics.get(topic);
        if (t == null) {
            t = new TopicMeters(meters, topic);
            topics.put(topic, t);
        }
        return t;
    }

    /** The per-topic meters of one topic. */
    private static final class TopicMeters {
        final Meters.Counter records;
        final Meters.Counter bytes;
        final Meters.Summary batchSize;
        final Meters.Summary compressionRatio;
        final Meters.Counter retries;
        final Meters.Counter errors;

        TopicMeters(Meters meters, String topic) {
            records = meters.counter(RECORDS_SENT, "Records acknowledged", "records", "topic", topic);
            bytes = meters.counter(BYTES_SENT, "Record batch bytes acknowledged (compressed)", "bytes", "topic",
                    topic);
            batchSize = meters.summary(BATCH_SIZE, "Size of the batches sent", "bytes", "topic", topic);
            compressionRatio = meters.summary(COMPRESSION_RATIO, "Compressed / uncompressed size of the batches sent",
                    null, "topic", topic);
            retries = meters.counter(RETRIES, "Batches sent again after a retriable error", "batches", "topic",
                    topic);
            errors = meters.counter(ERRORS, "Records whose send failed", "records", "topic", topic);
        }
    }
}
