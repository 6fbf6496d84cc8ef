package io.brook.common.event;

/**
 * An operation failed with a retriable error and will be tried again after a backoff.
 *
 * @param operation what is retried, e.g. {@code "Produce to orders-3"} or {@code "InitProducerId"}
 * @param attempt how many attempts have failed so far (1 for the first retry)
 * @param backoffMs the wait before the next attempt
 * @param error the error's class and message
 */
public record RetryEvent(String clientId, long timestampMs, String operation, int attempt, long backoffMs,
        String error) implements ClientEvent {}
