package io.brook.admin;

import java.util.Objects;

/**
 * Who may or may not do what, from where.
 *
 * @param principal the principal, as {@code Type:name} (e.g. {@code User:alice}; {@code User:*} for everyone)
 * @param host the client host, or {@code *} for any host
 * @param operation the operation; not {@link AclOperation#ANY} or {@link AclOperation#UNKNOWN}
 * @param permissionType {@link AclPermissionType#ALLOW} or {@link AclPermissionType#DENY}
 */
public record AccessControlEntry(String principal, String host, AclOperation operation,
        AclPermissionType permissionType) {
    public AccessControlEntry {
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(permissionType, "permissionType");
        if (!principal.contains(":")) {
            throw new IllegalArgumentException("principal must look like Type:name (e.g. User:alice): '"
                    + principal + "'");
        }
        if (host.isEmpty()) {
            throw new IllegalArgumentException("host must not be empty (use * for any host)");
        }
        if (operation.isFilterOnly()) {
            throw new IllegalArgumentException("an ACL binding needs a concrete operation, not " + operation);
        }
        if (permissionType.isFilterOnly()) {
            throw new IllegalArgumentException("an ACL binding needs ALLOW or DENY, not " + permissionType);
        }
    }
}
