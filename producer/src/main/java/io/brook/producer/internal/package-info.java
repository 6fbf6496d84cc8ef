/**
 * Internal: the producer. The send path ({@code RecordIntake}, {@code RecordRouter}, {@code RecordAccumulator} with
 * its {@code PartitionQueue}s of {@code ProducerBatch}es over a {@code BufferPool}) runs on the callers' threads;
 * the sending logic ({@code Sender}, {@code Idempotence}, {@code TransactionManager}, {@code TopicRoutings}) runs on
 * the one sender thread ({@code SenderLoop}); completions go to users through a {@code CallbackExecutor}.
 * {@code DefaultProducer} is the facade. See docs/ARCHITECTURE.md, "The path of one record".
 */
package io.brook.producer.internal;
