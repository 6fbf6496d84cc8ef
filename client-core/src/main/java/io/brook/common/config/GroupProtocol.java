package io.brook.common.config;

/** The consumer group protocol ({@code group.protocol}). */
public enum GroupProtocol {
    /** JoinGroup/SyncGroup/Heartbeat, with client-side assignors. */
    CLASSIC("classic"),
    /** KIP-848's ConsumerGroupHeartbeat with server-side assignors; not supported by Brook yet. */
    CONSUMER("consumer");

    private final String configValue;

    GroupProtocol(String configValue) {
        this.configValue = configValue;
    }

    /** The configuration spelling. */
    @Override
    public String toString() {
        return configValue;
    }
}
