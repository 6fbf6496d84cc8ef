/**
 * Brook's consumer: {@link io.brook.consumer.Consumer} reads records of partitions assigned by hand or by a
 * consumer group (the classic protocol, shared with kafka-clients members), hands them out from
 * {@link io.brook.consumer.Consumer#poll} as {@link io.brook.consumer.ConsumerRecords}, and commits offsets.
 * {@link io.brook.consumer.ConsumerBuilder} adds an event listener (the {@code *Event} records here) and Micrometer
 * meters. Errors are typed: {@link io.brook.consumer.WakeupException}, {@link io.brook.consumer.ConcurrentUseException},
 * {@link io.brook.consumer.CommitFailedException}, {@link io.brook.consumer.PollIntervalExceededException},
 * {@link io.brook.consumer.InvalidOffsetException} and its subclasses. See {@code docs/CONSUMER.md}.
 */
package io.brook.consumer;
