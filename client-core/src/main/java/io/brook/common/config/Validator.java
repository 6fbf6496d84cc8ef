package io.brook.common.config;

/**
 * Checks a parsed configuration value. Implementations are immutable and thread-safe; {@link Validators} has the
 * common ones.
 *
 * @param <T> the value type checked
 */
public interface Validator<T> {
    /**
     * @param value the parsed value; null only for keys without a default that were left unset
     * @return null if the value is acceptable, otherwise what was expected, phrased to follow "expected " in an
     *     error message (e.g. {@code "a value >= 0"})
     */
    String check(T value);

    /** The accepted values in a short form for the documentation, e.g. {@code "[0, ...]"}; empty if any. */
    String describe();
}
