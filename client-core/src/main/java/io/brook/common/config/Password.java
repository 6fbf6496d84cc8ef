package io.brook.common.config;

import java.util.Objects;

/**
 * A secret configuration value: a key store or trust store password, a private key, a {@code sasl.jaas.config}.
 * Its {@link #toString()} is {@value #HIDDEN}, so a secret never reaches a log line, a configuration dump or an
 * exception message by accident; {@link #value()} is the only way to the text.
 *
 * <p>Immutable and thread-safe. Equal when the secrets are equal.
 */
public final class Password {
    /** What {@link #toString()} shows instead of the secret. */
    public static final String HIDDEN = "[hidden]";

    private final String value;

    private Password(String value) {
        this.value = Objects.requireNonNull(value, "value");
    }

    /** Wraps {@code value}; never null. */
    public static Password of(String value) {
        return new Password(value);
    }

    /** The secret itself. Keep it out of logs and messages. */
    public String value() {
        return value;
    }

    /** Whether the secret is the empty string. */
    public boolean isEmpty() {
        return value.isEmpty();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Password p && p.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    /** Always {@value #HIDDEN}. */
    @Override
    public String toString() {
        return HIDDEN;
    }
}
