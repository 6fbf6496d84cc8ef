/**
 * Brook's exceptions. {@link io.brook.common.errors.BrookException} (unchecked) is the root and says whether an
 * error is retriable; {@link io.brook.common.errors.ApiException} carries the Kafka error code a broker answered with,
 * and each Kafka error code has its own generated subclass (for example {@code UnknownTopicOrPartitionException}).
 * Client-side failures carry no error code: {@link io.brook.common.errors.NetworkException},
 * {@link io.brook.common.errors.TimeoutException}, {@link io.brook.common.errors.RequestQueueFullException},
 * {@link io.brook.common.errors.SerializationException}, ...
 */
package io.brook.common.errors;
