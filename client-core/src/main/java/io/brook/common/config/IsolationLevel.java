package io.brook.common.config;

/** Which records of transactional producers a consumer reads ({@code isolation.level}). */
public enum IsolationLevel {
    /** Every record up to the high watermark, including those of open and aborted transactions. */
    READ_UNCOMMITTED("read_uncommitted", (byte) 0),
    /** Only up to the last stable offset, without the records of aborted transactions. */
    READ_COMMITTED("read_committed", (byte) 1);

    private final String configValue;
    private final byte wireId;

    IsolationLevel(String configValue, byte wireId) {
        this.configValue = configValue;
        this.wireId = wireId;
    }

    /** The value Fetch and ListOffsets requests carry. */
    public byte wireId() {
        return wireId;
    }

    /** The configuration spelling. */
    @Override
    public String toString() {
        return configValue;
    }
}
