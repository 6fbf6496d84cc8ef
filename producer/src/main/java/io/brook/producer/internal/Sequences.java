package io.brook.producer.internal;

/**
 * Producer sequence arithmetic: sequences are non-negative ints that wrap from {@link Integer#MAX_VALUE} to 0, as
 * brokers count them. Stateless.
 */
final class Sequences {
    private Sequences() {}

    /** {@code sequence + increment}, wrapping past {@link Integer#MAX_VALUE} to 0. */
    static int add(int sequence, int increment) {
        if (sequence > Integer.MAX_VALUE - increment) {
            return increment - (Integer.MAX_VALUE - sequence) - 1;
        }
        return sequence + increment;
    }
}
