/**
 * The Kafka wire protocol: the generated message classes (sub-package {@code message}), {@link io.brook.protocol.ApiKey}
 * with each API's version range, the {@code Errors} enum, request and response headers. Messages are immutable; those
 * holding record buffers are {@link io.brook.protocol.Releasable}. Used by Brook's clients; a public but low-level API.
 */
package io.brook.protocol;
