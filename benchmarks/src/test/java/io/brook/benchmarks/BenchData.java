package io.brook.benchmarks;

import java.nio.charset.StandardCharsets;
import java.util.Random;

/**
 * Deterministic record contents shared by the benchmarks, so that Brook and kafka-clients always encode the same
 * keys, values and timestamps.
 *
 * <p>Values look like small JSON events: field names and a few enumerated words repeat (so the codecs have
 * something to find, as in real topics), while ids and a random tail do not (so the data is not trivially
 * compressible). With a fixed seed the bytes are the same in every run and every forked JVM.
 */
final class BenchData {
    /** A fixed create time, so that timestamp deltas (and so record sizes) are the same for both clients. */
    static final long BASE_TIMESTAMP = 1_700_000_000_000L;

    private static final String[] EVENTS = {"page_view", "click", "add_to_cart", "checkout", "search", "login"};
    private static final String[] COUNTRIES = {"DE", "FR", "US", "BR", "JP", "IN", "NG", "GB"};
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    private BenchData() {}

    /** {@code count} keys of 10-12 bytes ({@code "order-" + number}). */
    static byte[][] keys(int count) {
        byte[][] keys = new byte[count][];
        for (int i = 0; i < count; i++) {
            keys[i] = ("order-" + (100_000 + i * 7)).getBytes(StandardCharsets.US_ASCII);
        }
        return keys;
    }

    /** {@code count} values of exactly {@code size} bytes each (size at least 1). */
    static byte[][] values(int count, int size, long seed) {
        Random random = new Random(seed);
        byte[][] values = new byte[count][];
        for (int i = 0; i < count; i++) {
            values[i] = value(random, i, size);
        }
        return values;
    }

    /** The timestamp of record {@code i}: one millisecond apart. */
    static long timestamp(int i) {
        return BASE_TIMESTAMP + i;
    }

    private static byte[] value(Random random, int i, int size) {
        StringBuilder sb = new StringBuilder(size + 64);
        sb.append("{\"id\":").append(1_000_000 + i)
                .append(",\"event\":\"").append(EVENTS[random.nextInt(EVENTS.length)])
                .append("\",\"user\":\"user-").append(random.nextInt(50_000))
                .append("\",\"country\":\"").append(COUNTRIES[random.nextInt(COUNTRIES.length)])
                .append("\",\"ts\":").append(timestamp(i))
                .append(",\"data\":\"");
        while (sb.length() < size - 2) {
            sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        sb.append("\"}");
        byte[] ascii = sb.toString().getBytes(StandardCharsets.US_ASCII);
        byte[] value = new byte[size];
        // Small sizes cut the JSON short; the benchmarks care about byte counts, not well-formed JSON.
        System.arraycopy(ascii, 0, value, 0, Math.min(size, ascii.length));
        return value;
    }
}
