package io.brook.admin;

import java.util.Objects;

/**
 * Selects ACL bindings for {@link Admin#describeAcls} and {@link Admin#deleteAcls}. {@code null} strings and the
 * {@code ANY} values match anything.
 *
 * @param resourceType the resource type, or {@link ResourceType#ANY}
 * @param name the resource name, or {@code null} for any
 * @param patternType the pattern type: {@link PatternType#ANY}, {@link PatternType#LITERAL},
 *     {@link PatternType#PREFIXED}, or {@link PatternType#MATCH} (every binding that applies to the named resource:
 *     literal, wildcard and matching prefixes)
 * @param principal the principal ({@code User:alice}), or {@code null} for any
 * @param host the host, or {@code null} for any
 * @param operation the operation, or {@link AclOperation#ANY}
 * @param permissionType the permission type, or {@link AclPermissionType#ANY}
 */
public record AclBindingFilter(ResourceType resourceType, String name, PatternType patternType, String principal,
        String host, AclOperation operation, AclPermissionType permissionType) {
    /** Matches every binding. */
    public static final AclBindingFilter ANY = new AclBindingFilter(ResourceType.ANY, null, PatternType.ANY, null,
            null, AclOperation.ANY, AclPermissionType.ANY);

    public AclBindingFilter {
        Objects.requireNonNull(resourceType, "resourceType");
        Objects.requireNonNull(patternType, "patternType");
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(permissionType, "permissionType");
        if (resourceType == ResourceType.UNKNOWN || patternType == PatternType.UNKNOWN
                || operation == AclOperation.UNKNOWN || permissionType == AclPermissionType.UNKNOWN) {
            throw new IllegalArgumentException("a filter cannot match UNKNOWN values: " + this);
        }
    }

    /** The filter that matches exactly {@code binding}. */
    public static AclBindingFilter of(AclBinding binding) {
        ResourcePattern p = binding.pattern();
        AccessControlEntry e = binding.entry();
        return new AclBindingFilter(p.resourceType(), p.name(), p.patternType(), e.principal(), e.host(),
                e.operation(), e.permissionType());
    }

    /** Every binding on resources of {@code type} named {@code name}, literally. */
    public static AclBindingFilter forResource(ResourceType type, String name) {
        return new AclBindingFilter(type, name, PatternType.LITERAL, null, null, AclOperation.ANY,
                AclPermissionType.ANY);
    }

    /** This filter for principal {@code principal} only. */
    public AclBindingFilter withPrincipal(String principal) {
        return new AclBindingFilter(resourceType, name, patternType, principal, host, operation, permissionType);
    }

    /**
     * Whether this filter selects {@code binding}. {@link PatternType#MATCH} is judged as the broker does: a
     * literal binding of the same name or the wildcard, or a prefixed binding whose name starts the filter's.
     */
    public boolean matches(AclBinding binding) {
        ResourcePattern p = binding.pattern();
        AccessControlEntry e = binding.entry();
        return (resourceType == ResourceType.ANY || resourceType == p.resourceType())
                && matchesName(p)
                && (principal == null || principal.equals(e.principal()))
                && (host == null || host.equals(e.host()))
                && (operation == AclOperation.ANY || operation == e.operation())
                && (permissionType == AclPermissionType.ANY || permissionType == e.permissionType());
    }

    private boolean matchesName(ResourcePattern p) {
        if (patternType == PatternType.MATCH) {
            if (name == null) {
                return true;
            }
            return p.patternType() == PatternType.LITERAL
                    ? p.name().equals(name) || p.name().equals(ResourcePattern.WILDCARD)
                    : name.startsWith(p.name());
        }
        return (patternType == PatternType.ANY || patternType == p.patternType())
                && (name == null || name.equals(p.name()));
    }
}
