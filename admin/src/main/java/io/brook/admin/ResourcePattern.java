package io.brook.admin;

import java.util.Objects;

/**
 * The resources an ACL binding applies to.
 *
 * @param resourceType what kind of resource; not {@link ResourceType#ANY} or {@link ResourceType#UNKNOWN}
 * @param name the resource name ({@code *} with {@link PatternType#LITERAL} for every resource of the type; the
 *     cluster is {@code kafka-cluster})
 * @param patternType {@link PatternType#LITERAL} or {@link PatternType#PREFIXED}
 */
public record ResourcePattern(ResourceType resourceType, String name, PatternType patternType) {
    /** The name that, as a literal, stands for every resource of a type. */
    public static final String WILDCARD = "*";
    /** The name of the cluster resource. */
    public static final String CLUSTER_NAME = "kafka-cluster";

    public ResourcePattern {
        Objects.requireNonNull(resourceType, "resourceType");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(patternType, "patternType");
        if (resourceType.isFilterOnly()) {
            throw new IllegalArgumentException("an ACL binding needs a concrete resource type, not " + resourceType);
        }
        if (patternType.isFilterOnly()) {
            throw new IllegalArgumentException("an ACL binding needs LITERAL or PREFIXED, not " + patternType);
        }
        if (name.isEmpty()) {
            throw new IllegalArgumentException("resource name must not be empty");
        }
    }
}
