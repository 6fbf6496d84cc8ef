package io.brook.producer.internal;

import io.brook.common.Header;
import io.brook.producer.RecordMetadata;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A record whose topic's metadata is not known yet (or whose explicit partition the metadata does not have yet),
 * held serialized until it arrives; the only place the producer keeps an object per record. Its bytes are counted
 * against {@code buffer.memory}. Immutable.
 *
 * @param partition the explicit partition, or -1
 * @param key the key object (for a custom partitioner), or null
 * @param value the value object (for a custom partitioner), or null
 * @param deadlineMs monotonic ms after which it fails ({@code max.block.ms} after send)
 * @param reservedBytes the bytes of buffer.memory it holds
 */
record PendingRecord(int partition, Object key, byte[] keyBytes, Object value, byte[] valueBytes, long timestamp,
        List<Header> headers, CompletableFuture<RecordMetadata> future, long deadlineMs, long reservedBytes) {}
