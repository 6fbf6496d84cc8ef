/**
 * Record batch v2: {@link io.brook.protocol.record.RecordBatchBuilder} writes a batch into one pooled buffer,
 * {@link io.brook.protocol.record.RecordBatchReader} iterates the batches of a fetched buffer without copying records.
 */
package io.brook.protocol.record;
