package io.brook.admin;

import io.brook.common.errors.ApiException;
import io.brook.common.errors.BrookException;
import io.brook.protocol.Errors;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A call over several resources (topics, partitions, groups, config resources, ACL filters, brokers) in which some
 * failed. Nothing is dropped: {@link #failures()} names each failed resource with the typed exception of its
 * Kafka error code, {@link #succeeded()} lists the others and {@link #results()} carries what they returned (for
 * calls that return something per resource). The first failure, in the caller's order, is also the
 * {@linkplain #getCause() cause}.
 *
 * <p>A call over a single resource fails with that resource's typed exception instead
 * ({@link io.brook.common.errors.UnknownTopicOrPartitionException}, ...). Resources are keyed as the call takes
 * them: topic names and group ids as {@link String}, partitions as {@link io.brook.common.TopicPartition}, config
 * resources as {@link ConfigResource}, ACL filters as {@link AclBindingFilter}, brokers by node id as
 * {@link Integer}.
 *
 * <p>Immutable. Not retriable as a whole; {@link #failures()} says which resources failed retriably.
 */
public class PartialFailureException extends BrookException {
    private final String call;
    private final Map<Object, ApiException> failures;
    private final Set<Object> succeeded;
    private final Map<Object, Object> results;

    /**
     * @param call the public name of the call
     * @param failures the failed resources and their errors, in the caller's order; not empty
     * @param succeeded the resources that succeeded, in the caller's order
     * @param results what the succeeded resources returned, for calls that return something per resource (empty
     *     otherwise)
     */
    public PartialFailureException(String call, Map<?, ? extends ApiException> failures, Set<?> succeeded,
            Map<?, ?> results) {
        super(message(call, failures, succeeded), firstOf(failures));
        this.call = call;
        this.failures = Collections.unmodifiableMap(new LinkedHashMap<>(failures));
        this.succeeded = Collections.unmodifiableSet(new LinkedHashSet<>(succeeded));
        this.results = Collections.unmodifiableMap(new LinkedHashMap<>(results));
    }

    /** The public name of the call, e.g. {@code "describeTopics"}. */
    public String call() {
        return call;
    }

    /** Each failed resource and the typed exception of its Kafka error code, in the caller's order. */
    public Map<Object, ApiException> failures() {
        return failures;
    }

    /**
     * {@link #failures()} with keys of the type the call takes.
     *
     * @throws ClassCastException if a key is not a {@code keyType}
     */
    public <K> Map<K, ApiException> failures(Class<K> keyType) {
        Map<K, ApiException> typed = new LinkedHashMap<>();
        failures.forEach((k, v) -> typed.put(keyType.cast(k), v));
        return Collections.unmodifiableMap(typed);
    }

    /** The Kafka error code {@code resource} failed with, or {@code null} if it did not fail. */
    public Errors error(Object resource) {
        ApiException e = failures.get(resource);
        return e == null ? null : e.error();
    }

    /** The resources that succeeded, in the caller's order. */
    public Set<Object> succeeded() {
        return succeeded;
    }

    /** What the succeeded resources returned, for calls that return something per resource; else empty. */
    public Map<Object, Object> results() {
        return results;
    }

    /**
     * {@link #results()} with the key and value types of the call's result.
     *
     * @throws ClassCastException if a key or value is not of the given type
     */
    public <K, V> Map<K, V> results(Class<K> keyType, Class<V> valueType) {
        Map<K, V> typed = new LinkedHashMap<>();
        results.forEach((k, v) -> typed.put(keyType.cast(k), valueType.cast(v)));
        return Collections.unmodifiableMap(typed);
    }

    private static Throwable firstOf(Map<?, ? extends ApiException> failures) {
        Objects.requireNonNull(failures, "failures");
        if (failures.isEmpty()) {
            throw new IllegalArgumentException("a partial failure needs at least one failed resource");
        }
        return failures.values().iterator().next();
    }

    private static String message(String call, Map<?, ? extends ApiException> failures, Set<?> succeeded) {
        StringBuilder s = new StringBuilder(Objects.requireNonNull(call, "call")).append(" failed for ")
                .append(failures.size()).append(" of ").append(failures.size() + succeeded.size())
                .append(" resources: ");
        boolean first = true;
        for (Map.Entry<?, ? extends ApiException> e : failures.entrySet()) {
            if (!first) {
                s.append("; ");
            }
            first = false;
            Errors error = e.getValue().error();
            s.append(e.getKey()).append(": ").append(error.name()).append(" (error code ").append(error.code())
                    .append(")");
        }
        return s.toString();
    }
}
