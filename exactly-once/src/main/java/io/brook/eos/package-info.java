/**
 * Exactly-once consume-transform-produce: {@link io.brook.eos.ExactlyOncePipeline} reads input topics with a group
 * consumer at read_committed, writes what a {@link io.brook.eos.Transform} returns with a transactional producer,
 * and commits the input offsets in the same transaction, so every input record's output is visible exactly once.
 */
package io.brook.eos;
