/**
 * The primitive encodings of the Kafka protocol (varints, compact and classic strings and bytes, arrays, tagged
 * fields, records) used by the generated messages, and {@link io.brook.protocol.wire.RecordsGatheringBuf}, which
 * encodes a message without copying its record batches.
 */
package io.brook.protocol.wire;
