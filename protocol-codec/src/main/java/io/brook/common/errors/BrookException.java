package io.brook.common.errors;

/** Root of every exception Brook throws or completes a future with. Unchecked. */
public class BrookException extends RuntimeException {
    public BrookException(String message) {
        super(message);
    }

    public BrookException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Whether the same operation may succeed if tried again (after a metadata refresh or a backoff). */
    public boolean isRetriable() {
        return false;
    }
}
