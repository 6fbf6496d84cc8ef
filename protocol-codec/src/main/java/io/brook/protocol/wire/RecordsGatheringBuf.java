package io.brook.protocol.wire;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.WrappedByteBuf;

/**
 * An output that encodes a message without copying its {@code records} fields: everything else is written into a
 * small pooled scratch buffer, and each records buffer of at least {@link #COPY_BELOW} bytes is placed, as a
 * retained slice, between the pieces of scratch written before and after it. {@link #finish()} returns the whole
 * message as a {@link CompositeByteBuf} whose components a gathering socket write sends as they are.
 *
 * <p>Small records are copied: a component per tiny batch costs more (an iovec entry, a slice object) than the copy.
 *
 * <p>Use: {@code out = RecordsGatheringBuf.allocate(alloc, size)}; write the message into {@code out} (generated
 * code calls {@code WireFormat.writeRecords}, which calls {@link #gather}); then {@link #finish()} to get the frame,
 * or {@link #abandon()} after a failure. Not thread-safe; used once.
 */
public final class RecordsGatheringBuf extends WrappedByteBuf {
    /** Records buffers smaller than this are copied rather than referenced. */
    public static final int COPY_BELOW = 1024;
    /** The scratch buffer's first capacity; it grows (copying scratch bytes only) if the message needs more. */
    private static final int SCRATCH_CAPACITY = 1024;

    private final CompositeByteBuf frame;
    /** Where the scratch bytes not yet placed in {@link #frame} start. */
    private int pieceStart;
    private boolean done;

    private RecordsGatheringBuf(ByteBuf scratch, CompositeByteBuf frame) {
        super(scratch);
        this.frame = frame;
        this.pieceStart = scratch.writerIndex();
    }

    /**
     * @param sizeHint the message's full encoded size, records included; only bounds the scratch buffer
     */
    public static RecordsGatheringBuf allocate(ByteBufAllocator alloc, int sizeHint) {
        ByteBuf scratch = alloc.ioBuffer(Math.max(16, Math.min(sizeHint, SCRATCH_CAPACITY)));
        return new RecordsGatheringBuf(scratch, alloc.compositeDirectBuffer(Integer.MAX_VALUE));
    }

    /** Places {@code len} bytes of {@code records} from {@code index} after what was written so far. */
    void gather(ByteBuf records, int index, int len) {
        if (len < COPY_BELOW) {
            buf.writeBytes(records, index, len);
            return;
        }
        placeScratchPiece();
        frame.addComponent(true, records.retainedSlice(index, len));
    }

    private void placeScratchPiece() {
        int end = buf.writerIndex();
        if (end > pieceStart) {
            frame.addComponent(true, buf.retainedSlice(pieceStart, end - pieceStart));
            pieceStart = end;
        }
    }

    /** The number of bytes written so far, records included. */
    public int writtenBytes() {
        return frame.readableBytes() + (buf.writerIndex() - pieceStart);
    }

    /**
     * Ends encoding and hands over the message: the caller owns the returned buffer (its components hold their own
     * references to the records, so the records' owner may release its buffers independently).
     */
    public CompositeByteBuf finish() {
        checkOpen();
        placeScratchPiece();
        done = true;
        buf.release();
        return frame;
    }

    /** Frees everything after a failed encoding. Idempotent. */
    public void abandon() {
        if (!done) {
            done = true;
            frame.release();
            buf.release();
        }
    }

    private void checkOpen() {
        if (done) {
            throw new IllegalStateException("already finished or abandoned");
        }
    }
}
