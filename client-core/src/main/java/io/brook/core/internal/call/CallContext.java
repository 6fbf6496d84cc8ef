package io.brook.core.internal.call;

import io.brook.core.Time;
import io.brook.core.internal.network.RequestSender;
import io.brook.core.internal.util.ExponentialBackoff;
import io.brook.core.internal.util.Scheduler;
import java.util.Objects;

/**
 * What every {@link CallDriver} of one client shares: where requests go and how, the brokers and coordinators,
 * the timers and the retry policy.
 *
 * @param sender sends the requests; its futures complete on the owner's thread
 * @param brokers picks the broker of requests any broker can answer
 * @param coordinators finds the coordinator of requests that name one
 * @param scheduler runs backoffs and deadlines
 * @param time the clock of deadlines
 * @param backoff the wait before each retry
 * @param maxRetries how many retries in a row without progress a call makes before failing with its last error
 */
public record CallContext(RequestSender sender, BrokerSelector brokers, CoordinatorLookup coordinators,
        Scheduler scheduler, Time time, ExponentialBackoff backoff, int maxRetries) {
    public CallContext {
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(brokers, "brokers");
        Objects.requireNonNull(coordinators, "coordinators");
        Objects.requireNonNull(scheduler, "scheduler");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(backoff, "backoff");
        if (maxRetries < 0) {
            throw new IllegalArgumentException("maxRetries must not be negative: " + maxRetries);
        }
    }

    /** A context whose coordinator lookup uses the same sender and brokers. */
    public static CallContext of(RequestSender sender, BrokerSelector brokers, Scheduler scheduler, Time time,
            ExponentialBackoff backoff, int maxRetries) {
        return new CallContext(sender, brokers, new CoordinatorLookup(sender, brokers), scheduler, time, backoff,
                maxRetries);
    }
}
