package io.brook.admin;

import java.util.Objects;

/**
 * An ACL: an entry (who, from where, what, allowed or denied) bound to a resource pattern.
 *
 * @param pattern the resources it applies to
 * @param entry who may or may not do what
 */
public record AclBinding(ResourcePattern pattern, AccessControlEntry entry) {
    public AclBinding {
        Objects.requireNonNull(pattern, "pattern");
        Objects.requireNonNull(entry, "entry");
    }

    /** Whether {@code filter} matches this binding, as a broker matches it (for tests and local filtering). */
    public boolean matches(AclBindingFilter filter) {
        return filter.matches(this);
    }
}
