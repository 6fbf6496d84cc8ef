package io.brook.core.internal.call;

import java.util.Objects;

/**
 * What a {@link CallHandler} decided after a response or a failure.
 *
 * <p>Within a round of several requests (see {@link CallHandler#nextRequests}) the driver completes the call as
 * soon as one step says {@link Done} or {@link Failed}; otherwise, once the round's last request has settled, it
 * asks for the next round after a backoff if any step said {@link Retry}, else at once.
 *
 * @param <T> the call's result type
 */
public sealed interface Step<T> {

    /** Send the handler's next request(s) now (once the current round has settled). */
    record SendNext<T>() implements Step<T> {}

    /**
     * Send the handler's next request(s) after a backoff.
     *
     * @param reason why, for the timeout error if the call runs out of time: the retriable error, or a
     *     {@link io.brook.common.errors.BrookException} describing what is still awaited. A
     *     {@code NOT_COORDINATOR} or {@code COORDINATOR_NOT_AVAILABLE} reason for a request sent to a coordinator
     *     makes the driver forget that coordinator.
     */
    record Retry<T>(Throwable reason) implements Step<T> {
        public Retry {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** The call succeeded with {@code value}. */
    record Done<T>(T value) implements Step<T> {}

    /** The call failed with {@code error}. */
    record Failed<T>(Throwable error) implements Step<T> {
        public Failed {
            Objects.requireNonNull(error, "error");
        }
    }

    static <T> Step<T> sendNext() {
        return new SendNext<>();
    }

    static <T> Step<T> retry(Throwable reason) {
        return new Retry<>(reason);
    }

    static <T> Step<T> done(T value) {
        return new Done<>(value);
    }

    static <T> Step<T> failed(Throwable error) {
        return new Failed<>(error);
    }

    /**
     * A sub-handler's step that does not finish it ({@link SendNext}, {@link Retry}, {@link Failed}) as a step of
     * the handler that delegates to it, whatever the two result types.
     *
     * @throws IllegalArgumentException for a {@link Done}, whose value the delegating handler must map itself
     */
    static <T> Step<T> relay(Step<?> step) {
        if (step instanceof SendNext<?>) {
            return sendNext();
        }
        if (step instanceof Retry<?> retry) {
            return retry(retry.reason());
        }
        if (step instanceof Failed<?> failed) {
            return failed(failed.error());
        }
        throw new IllegalArgumentException("a Done step carries a value to map, not to relay: " + step);
    }
}
