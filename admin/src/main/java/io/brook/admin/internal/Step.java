package io.brook.admin.internal;

import java.util.Objects;

/**
 * What an {@link AdminHandler} decided after a response or a failure.
 *
 * @param <T> the call's result type
 */
public sealed interface Step<T> {

    /** Send the handler's next request now. */
    record SendNext<T>() implements Step<T> {}

    /**
     * Send the handler's next request after a backoff.
     *
     * @param reason why, for the timeout error if the call runs out of time: the retriable error, or a
     *     {@link io.brook.common.errors.BrookException} describing what is still awaited
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
}
