package io.brook.protocol.compress;

import io.netty.buffer.ByteBuf;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * Gzip (RFC 1952) with the JDK's zlib, working on NIO views so that no byte goes through an intermediate array.
 * Writes one member with a minimal header; reads any member header (extra field, name, comment, header CRC) and
 * concatenated members, as {@code GZIPInputStream} does. Stateless.
 */
final class GzipCodec {
    private static final int ID1 = 0x1f;
    private static final int ID2 = 0x8b;
    private static final int CM_DEFLATE = 8;
    private static final int FHCRC = 0x02;
    private static final int FEXTRA = 0x04;
    private static final int FNAME = 0x08;
    private static final int FCOMMENT = 0x10;
    private static final int OS_UNKNOWN = 255;
    private static final int HEADER_SIZE = 10;
    private static final int TRAILER_SIZE = 8;
    private static final int MIN_STEP = 4096;

    private GzipCodec() {}

    static void compress(ByteBuffer src, ByteBuf dst, int level) {
        int length = src.remaining();
        CRC32 crc = new CRC32();
        crc.update(src.duplicate());

        dst.writeByte(ID1);
        dst.writeByte(ID2);
        dst.writeByte(CM_DEFLATE);
        dst.writeByte(0); // flags
        dst.writeInt(0); // mtime: none
        dst.writeByte(0); // extra flags
        dst.writeByte(OS_UNKNOWN);

        Deflater deflater = new Deflater(level, true);
        try {
            deflater.setInput(src.duplicate());
            deflater.finish();
            // Start with room for half the input (record data usually compresses at least that well), then grow.
            int step = Math.max(MIN_STEP, length / 2);
            while (!deflater.finished()) {
                ByteBuffer out = NioBuffers.writable(dst, step);
                int written = deflater.deflate(out);
                dst.writerIndex(dst.writerIndex() + written);
                step = Math.max(MIN_STEP, dst.writerIndex() / 2);
            }
        } finally {
            deflater.end();
        }
        dst.writeIntLE((int) crc.getValue());
        dst.writeIntLE(length);
    }

    static void decompress(ByteBuffer src, ByteBuf dst) {
        ByteBuffer in = src.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        boolean first = true;
        while (in.hasRemaining()) {
            if (!first && !startsWithMagic(in)) {
                // GZIPInputStream ignores bytes after a member that do not start another member; so do we.
                return;
            }
            readHeader(in);
            int start = dst.writerIndex();
            inflateMember(in, dst);
            readTrailer(in, dst, start);
            first = false;
        }
        if (first) {
            throw new CompressionException("gzip stream is empty");
        }
    }

    private static void inflateMember(ByteBuffer in, ByteBuf dst) {
        Inflater inflater = new Inflater(true);
        try {
            // The inflater advances in's position as it consumes input, leaving it at the trailer.
            inflater.setInput(in);
            int step = Math.max(MIN_STEP, dst.writableBytes());
            while (!inflater.finished()) {
                ByteBuffer out = NioBuffers.writable(dst, step);
                int before = in.position();
                int written = inflater.inflate(out);
                dst.writerIndex(dst.writerIndex() + written);
                if (written == 0 && in.position() == before && !inflater.finished()) {
                    throw new CompressionException(inflater.needsDictionary()
                            ? "gzip stream needs a preset dictionary" : "gzip stream is truncated");
                }
                step = Math.max(MIN_STEP, dst.writerIndex());
            }
        } catch (DataFormatException e) {
            throw new CompressionException("invalid gzip deflate data: " + e.getMessage(), e);
        } finally {
            inflater.end();
        }
    }

    private static boolean startsWithMagic(ByteBuffer in) {
        return in.remaining() >= 2 && (in.get(in.position()) & 0xff) == ID1 && (in.get(in.position() + 1) & 0xff) == ID2;
    }

    private static void readHeader(ByteBuffer in) {
        need(in, HEADER_SIZE, "header");
        if ((in.get() & 0xff) != ID1 || (in.get() & 0xff) != ID2) {
            throw new CompressionException("not a gzip stream (bad magic)");
        }
        int method = in.get() & 0xff;
        if (method != CM_DEFLATE) {
            throw new CompressionException("unsupported gzip compression method " + method);
        }
        int flags = in.get() & 0xff;
        in.position(in.position() + 6); // mtime, extra flags, os
        if ((flags & FEXTRA) != 0) {
            need(in, 2, "extra field length");
            int xlen = in.getShort() & 0xffff;
            need(in, xlen, "extra field");
            in.position(in.position() + xlen);
        }
        if ((flags & FNAME) != 0) {
            skipZeroTerminated(in, "file name");
        }
        if ((flags & FCOMMENT) != 0) {
            skipZeroTerminated(in, "comment");
        }
        if ((flags & FHCRC) != 0) {
            need(in, 2, "header CRC");
            in.position(in.position() + 2);
        }
    }

    private static void readTrailer(ByteBuffer in, ByteBuf dst, int start) {
        need(in, TRAILER_SIZE, "trailer");
        int expectedCrc = in.getInt();
        int expectedSize = in.getInt();
        int size = dst.writerIndex() - start;
        CRC32 crc = new CRC32();
        for (ByteBuffer b : dst.nioBuffers(start, size)) {
            crc.update(b);
        }
        if ((int) crc.getValue() != expectedCrc) {
            throw new CompressionException("gzip CRC mismatch");
        }
        if (size != expectedSize) { // ISIZE is the size modulo 2^32, and a ByteBuf holds less than 2^31
            throw new CompressionException("gzip size mismatch: trailer says " + Integer.toUnsignedString(expectedSize)
                    + ", inflated " + size);
        }
    }

    private static void skipZeroTerminated(ByteBuffer in, String what) {
        while (in.hasRemaining()) {
            if (in.get() == 0) {
                return;
            }
        }
        throw new CompressionException("gzip " + what + " is truncated");
    }

    private static void need(ByteBuffer in, int n, String what) {
        if (in.remaining() < n) {
            throw new CompressionException("gzip " + what + " is truncated");
        }
    }
}
