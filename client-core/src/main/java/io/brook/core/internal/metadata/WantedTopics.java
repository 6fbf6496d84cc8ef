package io.brook.core.internal.metadata;

import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which topics a metadata refresh asks about: every topic in the cluster, or a set of names (possibly empty, for
 * brokers and cluster id only). Immutable.
 *
 * @param all whether every topic is wanted (then {@code names} is empty)
 * @param names the wanted topic names when not {@code all}; sorted, unmodifiable
 */
public record WantedTopics(boolean all, Set<String> names) {
    private static final WantedTopics ALL = new WantedTopics(true, Set.of());
    private static final WantedTopics NONE = new WantedTopics(false, Set.of());

    public WantedTopics {
        if (all && !names.isEmpty()) {
            throw new IllegalArgumentException("'all topics' takes no names");
        }
        for (String name : names) {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("wanted topic names must not be blank");
            }
        }
        names = java.util.Collections.unmodifiableSet(new TreeSet<>(names));
    }

    public static WantedTopics allTopics() {
        return ALL;
    }

    public static WantedTopics none() {
        return NONE;
    }

    public static WantedTopics of(Collection<String> names) {
        return names.isEmpty() ? NONE : new WantedTopics(false, Set.copyOf(names));
    }

    /** Whether a refresh for this set covers {@code topic}. */
    public boolean covers(String topic) {
        return all || names.contains(topic);
    }

    /** Whether a refresh for this set covers every topic {@code other} wants. */
    public boolean covers(WantedTopics other) {
        return all || (!other.all && names.containsAll(other.names));
    }

    /** This set plus {@code more}. */
    public WantedTopics plus(Collection<String> more) {
        if (all || names.containsAll(more)) {
            return this;
        }
        Set<String> union = new TreeSet<>(names);
        union.addAll(more);
        return new WantedTopics(false, union);
    }

    /** This set without {@code fewer}; unchanged when it is "all topics". */
    public WantedTopics minus(Collection<String> fewer) {
        if (all) {
            return this;
        }
        Set<String> rest = new TreeSet<>(names);
        rest.removeAll(fewer);
        return of(rest);
    }

    @Override
    public String toString() {
        return all ? "all topics" : names.toString();
    }
}
