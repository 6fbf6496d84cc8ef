package io.brook.producer.internal;

/**
 * MurmurHash2 (32-bit, seed {@code 0x9747b28c}) over a key's bytes: the hash Kafka's Java client partitions keyed
 * records with, so that {@code (murmur2(key) & 0x7fffffff) % partitions} names the same partition in every client
 * of a mixed fleet. Stateless.
 */
public final class Murmur2 {
    private static final int SEED = 0x9747b28c;
    private static final int M = 0x5bd1e995;
    private static final int R = 24;

    private Murmur2() {}

    /** The 32-bit MurmurHash2 of {@code data}. */
    public static int hash(byte[] data) {
        int length = data.length;
        int h = SEED ^ length;
        int blocks = length >>> 2;
        for (int i = 0; i < blocks; i++) {
            int at = i << 2;
            int k = (data[at] & 0xff) | (data[at + 1] & 0xff) << 8 | (data[at + 2] & 0xff) << 16
                    | (data[at + 3] & 0xff) << 24;
            k *= M;
            k ^= k >>> R;
            k *= M;
            h *= M;
            h ^= k;
        }
        int tail = length & ~3;
        switch (length & 3) {
            case 3:
                h ^= (data[tail + 2] & 0xff) << 16;
                // fall through
            case 2:
                h ^= (data[tail + 1] & 0xff) << 8;
                // fall through
            case 1:
                h ^= data[tail] & 0xff;
                h *= M;
                break;
            default:
                break;
        }
        h ^= h >>> 13;
        h *= M;
        h ^= h >>> 15;
        return h;
    }

    /** The partition of a key among {@code partitionCount}, as Kafka's client computes it. */
    public static int partition(byte[] keyBytes, int partitionCount) {
        return (hash(keyBytes) & 0x7fffffff) % partitionCount;
    }
}
