package io.brook.protocol;

/**
 * A decoded message that holds retained slices of pooled buffers (its {@code records} fields). Whoever owns the
 * message calls {@link #release()} exactly once when done with it.
 */
public interface Releasable {
    void release();
}
