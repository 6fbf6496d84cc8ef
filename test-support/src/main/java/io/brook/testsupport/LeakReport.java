package io.brook.testsupport;

import java.util.Objects;

/**
 * One leak that Netty's leak detector reported: a reference-counted object became unreachable before its last
 * {@code release()}. Immutable.
 *
 * @param resourceType the simple name of the leaked resource's type, as Netty names it (e.g. {@code ByteBuf})
 * @param records the access records Netty kept for the object (where it was created and last touched), or an
 *     empty string when the object was not traced (leak detection level below {@code advanced})
 */
public record LeakReport(String resourceType, String records) {

    public LeakReport {
        Objects.requireNonNull(resourceType, "resourceType");
        Objects.requireNonNull(records, "records");
    }

    /** Whether Netty kept access records for the leaked object. */
    public boolean traced() {
        return !records.isEmpty();
    }

    /** A human-readable description including the access records, for a test failure message. */
    public String describe() {
        if (!traced()) {
            return "LEAK: a " + resourceType + " was garbage-collected before release(); no access records were kept"
                    + " (run with -Dio.netty.leakDetection.level=paranoid to see where it was created)";
        }
        return "LEAK: a " + resourceType + " was garbage-collected before release(). Recent access records:"
                + records;
    }
}
