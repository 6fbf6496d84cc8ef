/**
 * Brook's producer: {@link io.brook.producer.Producer}, its records and results, the
 * {@link io.brook.producer.Partitioner} seam and the producer's events. Implementations are in
 * {@code io.brook.producer.internal}.
 */
package io.brook.producer;
