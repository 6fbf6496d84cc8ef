package io.brook.consumer;

import io.brook.common.event.ClientEvent;

/**
 * The consumer stopped working on an error it cannot recover from by itself (for example a fenced static member,
 * or a group authorization failure); the next poll throws it.
 *
 * @param error the error's class name
 * @param message the error's message
 */
public record ConsumerCrashEvent(String clientId, long timestampMs, String error, String message)
        implements ClientEvent {}
