package io.brook.admin.internal;

import io.brook.admin.AccessControlEntry;
import io.brook.admin.AclBinding;
import io.brook.admin.AclOperation;
import io.brook.admin.AclPermissionType;
import io.brook.admin.PatternType;
import io.brook.admin.ResourcePattern;
import io.brook.admin.ResourceType;

/** Builds {@link AclBinding}s from the wire values ACL responses carry. Stateless. */
final class AclMapping {
    private AclMapping() {}

    /**
     * The binding the broker reported, or {@code null} if it carries a value this version of Brook does not know
     * (a binding Brook cannot represent is left out rather than misreported).
     */
    static AclBinding binding(byte resourceType, String resourceName, byte patternType, String principal,
            String host, byte operation, byte permissionType) {
        ResourceType type = ResourceType.forCode(resourceType);
        PatternType pattern = PatternType.forCode(patternType);
        AclOperation op = AclOperation.forCode(operation);
        AclPermissionType permission = AclPermissionType.forCode(permissionType);
        if (type.isFilterOnly() || pattern.isFilterOnly() || op.isFilterOnly() || permission.isFilterOnly()) {
            return null;
        }
        return new AclBinding(new ResourcePattern(type, resourceName, pattern),
                new AccessControlEntry(principal, host, op, permission));
    }
}
