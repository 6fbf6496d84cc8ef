package io.brook.common;

/**
 * An offset to commit for a partition, with optional application metadata stored beside it by the group
 * coordinator.
 *
 * <p>Immutable.
 *
 * @param offset the offset of the next record to consume; {@code >= 0}
 * @param metadata free-form text kept with the commit; never null (a null argument becomes {@code ""}, as in Kafka)
 */
public record OffsetAndMetadata(long offset, String metadata) {
    public OffsetAndMetadata {
        if (offset < 0) {
            throw new IllegalArgumentException("offset must be >= 0: " + offset);
        }
        if (metadata == null) {
            metadata = "";
        }
    }

    /** An offset without metadata. */
    public OffsetAndMetadata(long offset) {
        this(offset, "");
    }
}
