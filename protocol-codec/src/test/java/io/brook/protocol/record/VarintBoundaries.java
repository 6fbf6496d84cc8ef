package io.brook.protocol.record;

import io.brook.common.Header;
import io.brook.protocol.record.SampleRecords.Sample;
import java.util.ArrayList;
import java.util.List;

/**
 * Record fields sized at the edges of zigzag varint widths: a zigzag varint holds 6 bits in one byte, 13 in two,
 * 20 in three, so lengths 63/64, 8191/8192 and 1048575/1048576 change the encoded width.
 */
final class VarintBoundaries {
    static final int[] LENGTHS = {0, 63, 64, 8191, 8192, 1_048_575, 1_048_576};

    private VarintBoundaries() {}

    static List<Sample> samples(long baseTimestamp) {
        List<Sample> out = new ArrayList<>();
        for (int length : LENGTHS) {
            byte[] bytes = filled(length, (byte) length);
            out.add(new Sample(baseTimestamp, bytes, null, List.of()));
            out.add(new Sample(baseTimestamp, null, bytes, List.of()));
            out.add(new Sample(baseTimestamp, null, null, List.of(new Header("k".repeat(Math.min(length, 8192)), bytes))));
        }
        List<Header> many = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            many.add(new Header("h" + i, i % 2 == 0 ? null : new byte[] {(byte) i}));
        }
        out.add(new Sample(baseTimestamp, null, null, many.subList(0, 63)));
        out.add(new Sample(baseTimestamp, null, null, many));
        // Timestamp deltas across varlong widths, both signs.
        for (long delta : new long[] {63, 64, -64, -65, 8191, 8192, 1L << 34, -(1L << 34), 1L << 40}) {
            out.add(new Sample(baseTimestamp + delta, new byte[] {1}, new byte[] {2}, List.of()));
        }
        return out;
    }

    static byte[] filled(int length, byte b) {
        byte[] bytes = new byte[length];
        java.util.Arrays.fill(bytes, b);
        return bytes;
    }
}
