package io.brook.common.config;

/** What a client does when none of the brokers it knows answers ({@code metadata.recovery.strategy}). */
public enum MetadataRecoveryStrategy {
    /** Keep trying the known brokers. */
    NONE("none"),
    /** Resolve the bootstrap names again and start over from them. */
    REBOOTSTRAP("rebootstrap");

    private final String configValue;

    MetadataRecoveryStrategy(String configValue) {
        this.configValue = configValue;
    }

    /** The configuration spelling. */
    @Override
    public String toString() {
        return configValue;
    }
}
