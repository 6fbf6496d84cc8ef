package io.brook.eos.internal;

import io.brook.common.ConsumerGroupMetadata;
import io.brook.common.Deserializer;
import io.brook.common.OffsetAndMetadata;
import io.brook.common.Serializer;
import io.brook.common.TopicPartition;
import io.brook.common.errors.BrookException;
import io.brook.common.errors.ProducerFencedException;
import io.brook.common.errors.TimeoutException;
import io.brook.consumer.Consumer;
import io.brook.consumer.ConsumerRecord;
import io.brook.consumer.ConsumerRecords;
import io.brook.consumer.PollIntervalExceededException;
import io.brook.consumer.RebalanceListener;
import io.brook.consumer.WakeupException;
import io.brook.eos.Transform;
import io.brook.producer.Producer;
import io.brook.producer.ProducerRecord;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The loop behind {@link io.brook.eos.ExactlyOncePipeline}: poll, begin, transform and send, send the offsets with
 * the consumer's group metadata, commit; abort and rewind on abortable errors; abort before a rebalance takes
 * partitions away; stop on fencing.
 *
 * <p>Confined to the thread that calls {@link #run()}, except {@link #stop()} (any thread: a flag and the
 * consumer's wakeup).
 */
public final class TransactionLoop<KI, VI, KO, VO> {
    private static final Logger log = LoggerFactory.getLogger(TransactionLoop.class);

    private final Consumer<KI, VI> consumer;
    private final Producer<KO, VO> producer;
    private final List<String> inputTopics;
    private final Transform<KI, VI, KO, VO> transform;
    private final Duration pollTimeout;
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final AtomicLong committed = new AtomicLong();
    private boolean transactionOpen;

    private TransactionLoop(Consumer<KI, VI> consumer, Producer<KO, VO> producer, List<String> inputTopics,
            Transform<KI, VI, KO, VO> transform, Duration pollTimeout) {
        this.consumer = consumer;
        this.producer = producer;
        this.inputTopics = inputTopics;
        this.transform = transform;
        this.pollTimeout = pollTimeout;
    }

    /** Checks the configurations and creates the clients. */
    public static <KI, VI, KO, VO> TransactionLoop<KI, VI, KO, VO> create(Map<String, Object> consumerConfig,
            Map<String, Object> producerConfig, List<String> inputTopics, Deserializer<KI> keyDeserializer,
            Deserializer<VI> valueDeserializer, Serializer<KO> keySerializer, Serializer<VO> valueSerializer,
            Transform<KI, VI, KO, VO> transform, Duration pollTimeout) {
        if (consumerConfig.get("group.id") == null) {
            throw new IllegalArgumentException("The pipeline's consumer needs a group.id");
        }
        if (producerConfig.get("transactional.id") == null) {
            throw new IllegalArgumentException("The pipeline's producer needs a transactional.id");
        }
        force(consumerConfig, "isolation.level", "read_committed");
        force(consumerConfig, "enable.auto.commit", "false");
        Consumer<KI, VI> consumer = Consumer.create(consumerConfig, keyDeserializer, valueDeserializer);
        Producer<KO, VO> producer;
        try {
            producer = Producer.create(producerConfig, keySerializer, valueSerializer);
        } catch (RuntimeException e) {
            consumer.close();
            throw e;
        }
        return new TransactionLoop<>(consumer, producer, List.copyOf(inputTopics), transform, pollTimeout);
    }

    private static void force(Map<String, Object> config, String key, String value) {
        Object given = config.get(key);
        if (given != null && !String.valueOf(given).equalsIgnoreCase(value)) {
            throw new IllegalArgumentException("The pipeline's consumer needs " + key + "=" + value + " (was "
                    + given + ")");
        }
        config.put(key, value);
    }

    public long committedTransactions() {
        return committed.get();
    }

    public void stop() {
        stopping.set(true);
        consumer.wakeup();
    }

    public void run() {
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("The pipeline runs once");
        }
        try {
            producer.initTransactions();
            consumer.subscribe(inputTopics, new AbortBeforeRevoke());
            while (!stopping.get()) {
                ConsumerRecords<KI, VI> records;
                try {
                    records = consumer.poll(pollTimeout);
                } catch (WakeupException e) {
                    continue; // stop() was called: the loop condition ends it
                } catch (PollIntervalExceededException e) {
                    // A batch took longer than max.poll.interval.ms (a slow transform, a broker failing over): the
                    // member left the group. No transaction is open (each one ends before the next poll) and only
                    // committed offsets moved, so the next poll rejoins and goes on from them.
                    log.warn("The pipeline's consumer left its group (a batch outlasted max.poll.interval.ms); "
                            + "rejoining: {}", e.getMessage());
                    continue;
                }
                if (!records.isEmpty()) {
                    try {
                        process(records);
                    } catch (WakeupException e) {
                        if (!stopping.get()) {
                            throw e;
                        }
                    }
                }
            }
        } finally {
            shutDown();
        }
    }

    /** One batch in one transaction. */
    private void process(ConsumerRecords<KI, VI> records) {
        producer.beginTransaction();
        transactionOpen = true;
        try {
            Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
            for (ConsumerRecord<KI, VI> in : records) {
                for (ProducerRecord<KO, VO> out : transform.apply(in)) {
                    producer.send(out);
                }
                offsets.put(new TopicPartition(in.topic(), in.partition()), new OffsetAndMetadata(in.offset() + 1));
            }
            ConsumerGroupMetadata group = consumer.groupMetadata();
            untilDone(() -> producer.sendOffsetsToTransaction(offsets, group));
            untilDone(producer::commitTransaction);
            transactionOpen = false;
            committed.incrementAndGet();
        } catch (ProducerFencedException e) {
            transactionOpen = false;
            log.error("The pipeline's producer was fenced by a newer instance; stopping", e);
            throw e;
        } catch (WakeupException e) {
            abortQuietly();
            throw e;
        } catch (BrookException e) {
            log.warn("Transaction of the pipeline failed; aborting and processing the batch again: {}", e.toString());
            abortAndRewind(records.partitions());
        } catch (RuntimeException | Error e) {
            // The transform (or a serializer) threw: nothing of the batch may become visible.
            abortQuietly();
            throw e;
        }
    }

    /**
     * Runs a transactional call, calling it again while it times out (it goes on in the producer meanwhile, and the
     * repeated call waits for the same operation), unless the pipeline is stopping.
     */
    private void untilDone(Runnable call) {
        while (true) {
            try {
                call.run();
                return;
            } catch (TimeoutException e) {
                if (stopping.get()) {
                    throw e;
                }
                log.warn("A transactional call of the pipeline is slow, waiting again: {}", e.getMessage());
            }
        }
    }

    /** Aborts the open transaction and moves the consumer back to the last committed offsets of {@code tps}. */
    private void abortAndRewind(Set<TopicPartition> tps) {
        untilDone(producer::abortTransaction);
        transactionOpen = false;
        Set<TopicPartition> owned = new HashSet<>(tps);
        owned.retainAll(consumer.assignment());
        if (owned.isEmpty()) {
            return;
        }
        Map<TopicPartition, OffsetAndMetadata> last = consumer.committed(owned);
        for (TopicPartition tp : owned) {
            OffsetAndMetadata om = last.get(tp);
            if (om != null) {
                consumer.seek(tp, om);
            } else {
                consumer.seekToBeginning(List.of(tp));
            }
        }
    }

    private void abortQuietly() {
        if (!transactionOpen) {
            return;
        }
        try {
            producer.abortTransaction();
        } catch (RuntimeException e) {
            log.warn("Could not abort the pipeline's transaction: {}", e.toString());
        } finally {
            transactionOpen = false;
        }
    }

    private void shutDown() {
        abortQuietly();
        try {
            consumer.close();
        } finally {
            producer.close(Duration.ofSeconds(30));
        }
    }

    /** Makes sure no transaction is open when partitions change hands. */
    private final class AbortBeforeRevoke implements RebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            abortQuietly();
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            // Positions come from the committed offsets, which only committed transactions moved.
        }
    }
}
