package io.brook.admin;

import java.time.Duration;

/** Checks shared by the options records. */
final class AdminOptionChecks {
    private AdminOptionChecks() {}

    static void checkTimeout(Duration timeout) {
        if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
    }
}
