/**
 * Internal: the consume-transform-produce loop behind {@link io.brook.eos.ExactlyOncePipeline}: one transaction per
 * poll, offsets sent in the transaction, abort before partitions are revoked, re-seek to the committed offsets after
 * an abortable error, stop on fencing.
 */
package io.brook.eos.internal;
