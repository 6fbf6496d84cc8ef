package io.brook.admin.internal;

import io.brook.admin.PartialFailureException;
import io.brook.common.errors.ApiException;
import io.brook.core.internal.call.Step;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The outcome of each resource of a call over several resources: succeeded with a value, failed with the typed
 * exception of its Kafka error code, or still pending. Once every resource has settled, {@link #finish} turns them
 * into the call's last step: done with the results, or failed with the one failed resource's exception (a
 * single-resource call) or a {@link PartialFailureException} naming every failed resource and carrying the
 * results of the others. Nothing is dropped.
 *
 * <p>Confined to its call (see {@link io.brook.core.internal.call.CallHandler}).
 *
 * @param <K> the resource key (topic name, partition, group id, ...)
 * @param <V> what a resource returns; {@link Void} (with null values) for calls that return nothing per resource
 */
final class ResourceResults<K, V> {
    private final String call;
    /** Every resource, in the caller's order, without duplicates. */
    private final List<K> resources;
    private final Set<K> pending;
    private final Map<K, V> succeeded = new LinkedHashMap<>();
    private final Map<K, ApiException> failed = new LinkedHashMap<>();

    /**
     * @param resources the resources, in the caller's order; duplicates count once; not empty
     * @throws IllegalArgumentException if there is none
     */
    ResourceResults(String call, Collection<K> resources) {
        this.call = Objects.requireNonNull(call, "call");
        Set<K> unique = new LinkedHashSet<>();
        for (K resource : resources) {
            unique.add(Objects.requireNonNull(resource, "resource"));
        }
        if (unique.isEmpty()) {
            throw new IllegalArgumentException(call + ": no resources");
        }
        this.resources = List.copyOf(unique);
        this.pending = new LinkedHashSet<>(unique);
    }

    String call() {
        return call;
    }

    /** Every resource, in the caller's order. */
    List<K> resources() {
        return resources;
    }

    /** The resources not yet settled, in the caller's order; a live view. */
    Set<K> pending() {
        return Collections.unmodifiableSet(pending);
    }

    boolean isPending(K resource) {
        return pending.contains(resource);
    }

    boolean allSettled() {
        return pending.isEmpty();
    }

    /** {@code resource} succeeded with {@code value}; ignored unless it is pending. */
    void succeed(K resource, V value) {
        if (pending.remove(resource)) {
            succeeded.put(resource, value);
        }
    }

    /** {@code resource} failed with {@code error}; ignored unless it is pending. */
    void fail(K resource, ApiException error) {
        if (pending.remove(resource)) {
            failed.put(resource, Objects.requireNonNull(error, "error"));
        }
    }

    /**
     * Turns a succeeded resource into a failed one: a later step of the call (reading its configuration, say)
     * failed for it.
     */
    void failSucceeded(K resource, ApiException error) {
        if (succeeded.containsKey(resource)) {
            succeeded.remove(resource);
            failed.put(resource, Objects.requireNonNull(error, "error"));
        }
    }

    /** Fails every pending resource with {@code error} (a call-level error the broker reported). */
    void failPending(ApiException error) {
        for (K resource : List.copyOf(pending)) {
            fail(resource, error);
        }
    }

    /** The failed resources and their errors, in the caller's order. */
    Map<K, ApiException> failures() {
        Map<K, ApiException> inOrder = new LinkedHashMap<>();
        for (K resource : resources) {
            if (failed.containsKey(resource)) {
                inOrder.put(resource, failed.get(resource));
            }
        }
        return inOrder;
    }

    /** The values of the succeeded resources, in the caller's order. */
    Map<K, V> succeeded() {
        Map<K, V> inOrder = new LinkedHashMap<>();
        for (K resource : resources) {
            if (succeeded.containsKey(resource)) {
                inOrder.put(resource, succeeded.get(resource));
            }
        }
        return inOrder;
    }

    /**
     * A copy whose succeeded resources hold {@code map}'s value instead (for a call that derives its results from
     * another's); failed and pending resources are kept as they are.
     */
    <W> ResourceResults<K, W> mapValues(BiFunction<K, V, W> map) {
        ResourceResults<K, W> mapped = new ResourceResults<>(call, resources);
        for (K resource : resources) {
            if (succeeded.containsKey(resource)) {
                mapped.succeed(resource, map.apply(resource, succeeded.get(resource)));
            } else if (failed.containsKey(resource)) {
                mapped.fail(resource, failed.get(resource));
            }
        }
        return mapped;
    }

    /**
     * The call's last step, once every resource has settled.
     *
     * @param result builds the call's result from the succeeded resources' values (in the caller's order)
     * @param perResourceResults whether the call returns something per resource (then a partial failure carries
     *     the values of the succeeded ones)
     * @throws IllegalStateException if a resource is still pending
     */
    <R> Step<R> finish(Function<Map<K, V>, R> result, boolean perResourceResults) {
        if (!pending.isEmpty()) {
            throw new IllegalStateException(call + ": " + pending.size() + " resources still pending");
        }
        Map<K, V> values = succeeded();
        if (failed.isEmpty()) {
            return Step.done(result.apply(Collections.unmodifiableMap(values)));
        }
        Map<K, ApiException> failures = failures();
        if (resources.size() == 1) {
            return Step.failed(failures.values().iterator().next());
        }
        return Step.failed(new PartialFailureException(call, failures, values.keySet(),
                perResourceResults ? values : Map.of()));
    }

    /** {@link #finish} for a call whose result is the map of the succeeded resources' values. */
    Step<Map<K, V>> finishWithMap() {
        return finish(values -> values, true);
    }

    /** {@link #finish} for a call that returns nothing. */
    Step<Void> finishWithNothing() {
        return finish(values -> null, false);
    }
}
