package io.brook.common.config;

/** The unit a numeric configuration value is expressed in, shown in the documentation. */
public enum ConfigUnit {
    /** A count, a flag or text: no unit. */
    NONE(""),
    /**
     * Milliseconds. Keys with this unit also accept a {@link java.time.Duration} holding a whole number of
     * milliseconds.
     */
    MILLISECONDS("ms"),
    BYTES("bytes");

    private final String symbol;

    ConfigUnit(String symbol) {
        this.symbol = symbol;
    }

    /** The short form shown in documentation; empty for {@link #NONE}. */
    public String symbol() {
        return symbol;
    }
}
