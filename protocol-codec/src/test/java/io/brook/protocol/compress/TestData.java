package io.brook.protocol.compress;

import java.nio.charset.StandardCharsets;
import java.util.Random;

/** Deterministic payloads for codec and record tests. */
public final class TestData {
    private TestData() {}

    /** Random bytes: incompressible, so codecs take their stored/raw paths. */
    public static byte[] random(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    /** Text-like bytes that compress well, as typical record data does. */
    public static byte[] text(int size, long seed) {
        Random r = new Random(seed);
        String[] words = {"brook", "kafka", "record", "batch", "offset", "partition", "topic", "{\"id\":", "\"value\"",
            "timestamp", "lorem", "ipsum", "42", "\n"};
        StringBuilder sb = new StringBuilder(size + 16);
        while (sb.length() < size) {
            sb.append(words[r.nextInt(words.length)]).append(' ');
        }
        byte[] all = sb.toString().getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[size];
        System.arraycopy(all, 0, out, 0, size);
        return out;
    }
}
