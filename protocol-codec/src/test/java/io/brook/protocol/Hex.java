package io.brook.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;

/** Hex helpers for tests: whitespace in hex text is ignored, so expected bytes can be grouped by field. */
public final class Hex {
    private Hex() {}

    public static byte[] decode(String hex) {
        return ByteBufUtil.decodeHexDump(hex.replaceAll("\\s+", ""));
    }

    /** The readable bytes of {@code buf} as lower-case hex, without moving its indices. */
    public static String of(ByteBuf buf) {
        return ByteBufUtil.hexDump(buf);
    }

    public static String compact(String hex) {
        return hex.replaceAll("\\s+", "").toLowerCase(java.util.Locale.ROOT);
    }
}
