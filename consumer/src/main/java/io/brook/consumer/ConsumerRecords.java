package io.brook.consumer;

import io.brook.common.TopicPartition;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;

/**
 * The records one {@link Consumer#poll} returned, grouped by partition; within a partition in offset order.
 * Iteration visits the partitions in the order their records were taken, each partition's records in order.
 *
 * <p>Immutable.
 */
public final class ConsumerRecords<K, V> implements Iterable<ConsumerRecord<K, V>> {
    private static final ConsumerRecords<?, ?> EMPTY = new ConsumerRecords<>(Map.of());

    private final Map<TopicPartition, List<ConsumerRecord<K, V>>> byPartition;
    private final int count;

    /**
     * @param byPartition each partition's records in offset order; the lists are not copied and must not be
     *     modified afterwards
     */
    public ConsumerRecords(Map<TopicPartition, List<ConsumerRecord<K, V>>> byPartition) {
        Objects.requireNonNull(byPartition, "byPartition");
        this.byPartition = Collections.unmodifiableMap(new LinkedHashMap<>(byPartition));
        int n = 0;
        for (List<ConsumerRecord<K, V>> records : byPartition.values()) {
            n += records.size();
        }
        this.count = n;
    }

    /** No records. */
    @SuppressWarnings("unchecked") // holds no element of either type
    public static <K, V> ConsumerRecords<K, V> empty() {
        return (ConsumerRecords<K, V>) EMPTY;
    }

    /** The number of records. */
    public int count() {
        return count;
    }

    public boolean isEmpty() {
        return count == 0;
    }

    /** The records of {@code tp}, in offset order; empty if there are none. Unmodifiable. */
    public List<ConsumerRecord<K, V>> records(TopicPartition tp) {
        List<ConsumerRecord<K, V>> records = byPartition.get(tp);
        return records == null ? List.of() : Collections.unmodifiableList(records);
    }

    /** The records of every partition of {@code topic}, partition by partition. */
    public List<ConsumerRecord<K, V>> records(String topic) {
        List<ConsumerRecord<K, V>> out = new ArrayList<>();
        for (Map.Entry<TopicPartition, List<ConsumerRecord<K, V>>> e : byPartition.entrySet()) {
            if (e.getKey().topic().equals(topic)) {
                out.addAll(e.getValue());
            }
        }
        return out;
    }

    /** The partitions that have records here. */
    public Set<TopicPartition> partitions() {
        return byPartition.keySet();
    }

    @Override
    public Iterator<ConsumerRecord<K, V>> iterator() {
        Iterator<List<ConsumerRecord<K, V>>> lists = byPartition.values().iterator();
        return new Iterator<>() {
            private List<ConsumerRecord<K, V>> current = List.of();
            private int index;

            @Override
            public boolean hasNext() {
                while (index >= current.size()) {
                    if (!lists.hasNext()) {
                        return false;
                    }
                    current = lists.next();
                    index = 0;
                }
                return true;
            }

            @Override
            public ConsumerRecord<K, V> next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return current.get(index++);
            }
        };
    }

    @Override
    public String toString() {
        return "ConsumerRecords(" + count + " records from " + byPartition.keySet() + ")";
    }
}
