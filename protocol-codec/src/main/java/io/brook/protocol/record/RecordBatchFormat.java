package io.brook.protocol.record;

import io.netty.buffer.ByteBuf;
import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * The layout of a record batch v2 (magic 2) and the operations on a finished batch's bytes.
 *
 * <pre>
 * baseOffset int64 | batchLength int32 | partitionLeaderEpoch int32 | magic int8 | crc uint32 |
 * attributes int16 | lastOffsetDelta int32 | baseTimestamp int64 | maxTimestamp int64 | producerId int64 |
 * producerEpoch int16 | baseSequence int32 | recordCount int32 | records...
 * </pre>
 *
 * {@code batchLength} counts the bytes after itself; the CRC-32C covers attributes through the end of the batch,
 * so the partition leader epoch (set by the broker) is outside it. Stateless.
 */
public final class RecordBatchFormat {
    /** The only magic Brook reads and writes. */
    public static final byte MAGIC = 2;
    /** Bytes before a batch's length-counted part: base offset and batch length. */
    public static final int LOG_OVERHEAD = 12;
    /** The size of a batch header, i.e. of a batch without records. */
    public static final int HEADER_SIZE = 61;

    public static final long NO_PRODUCER_ID = -1L;
    public static final short NO_PRODUCER_EPOCH = -1;
    public static final int NO_SEQUENCE = -1;
    public static final int NO_PARTITION_LEADER_EPOCH = -1;
    public static final long NO_TIMESTAMP = -1L;

    static final int BASE_OFFSET_OFFSET = 0;
    static final int LENGTH_OFFSET = 8;
    static final int PARTITION_LEADER_EPOCH_OFFSET = 12;
    static final int MAGIC_OFFSET = 16;
    static final int CRC_OFFSET = 17;
    static final int ATTRIBUTES_OFFSET = 21;
    static final int LAST_OFFSET_DELTA_OFFSET = 23;
    static final int BASE_TIMESTAMP_OFFSET = 27;
    static final int MAX_TIMESTAMP_OFFSET = 35;
    static final int PRODUCER_ID_OFFSET = 43;
    static final int PRODUCER_EPOCH_OFFSET = 51;
    static final int BASE_SEQUENCE_OFFSET = 53;
    static final int RECORD_COUNT_OFFSET = 57;

    static final int COMPRESSION_MASK = 0x07;
    static final int TIMESTAMP_TYPE_MASK = 0x08;
    static final int TRANSACTIONAL_MASK = 0x10;
    static final int CONTROL_MASK = 0x20;
    static final int DELETE_HORIZON_MASK = 0x40;

    private RecordBatchFormat() {}

    /**
     * The CRC-32C of the batch of {@code size} bytes starting at {@code index} in {@code buf}: over its attributes
     * through its end. Works on composite buffers; changes no index.
     */
    public static long checksum(ByteBuf buf, int index, int size) {
        CRC32C crc = new CRC32C();
        int from = index + ATTRIBUTES_OFFSET;
        int length = size - ATTRIBUTES_OFFSET;
        if (buf.nioBufferCount() == 1) {
            crc.update(buf.nioBuffer(from, length));
        } else {
            for (ByteBuffer part : buf.nioBuffers(from, length)) {
                crc.update(part);
            }
        }
        return crc.getValue();
    }

    /**
     * Rewrites the producer id, epoch and base sequence of the finished batch at {@code batch}'s reader index and
     * recomputes its CRC: what a producer needs when it re-sends a batch under a new epoch or sequence. Changes
     * no index or reference count.
     *
     * @throws IllegalArgumentException if the readable bytes are not exactly one magic-2 batch
     */
    public static void rewriteProducerState(ByteBuf batch, long producerId, short producerEpoch, int baseSequence) {
        int index = checkWholeBatch(batch);
        batch.setLong(index + PRODUCER_ID_OFFSET, producerId);
        batch.setShort(index + PRODUCER_EPOCH_OFFSET, producerEpoch);
        batch.setInt(index + BASE_SEQUENCE_OFFSET, baseSequence);
        batch.setInt(index + CRC_OFFSET, (int) checksum(batch, index, batch.readableBytes()));
    }

    /**
     * Sets the partition leader epoch of the finished batch at {@code batch}'s reader index. The field is outside
     * the CRC, so nothing else changes.
     *
     * @throws IllegalArgumentException if the readable bytes are not exactly one magic-2 batch
     */
    public static void setPartitionLeaderEpoch(ByteBuf batch, int partitionLeaderEpoch) {
        int index = checkWholeBatch(batch);
        batch.setInt(index + PARTITION_LEADER_EPOCH_OFFSET, partitionLeaderEpoch);
    }

    private static int checkWholeBatch(ByteBuf batch) {
        int index = batch.readerIndex();
        int readable = batch.readableBytes();
        if (readable < HEADER_SIZE || batch.getByte(index + MAGIC_OFFSET) != MAGIC
                || batch.getInt(index + LENGTH_OFFSET) + LOG_OVERHEAD != readable) {
            throw new IllegalArgumentException("the " + readable + " readable bytes are not one record batch v2");
        }
        return index;
    }
}
