/**
 * The consumer's implementation.
 *
 * <p>{@link io.brook.consumer.internal.DefaultConsumer} is the polling thread's facade over the parts
 * {@link io.brook.consumer.internal.ConsumerParts} wires together. Shared state is
 * {@link io.brook.consumer.internal.SubscriptionState} (assignment and per-partition positions) and the
 * {@link io.brook.consumer.internal.FetchBuffer}, both under one lock. The polling thread takes fetched data
 * ({@code RecordCollector}, {@code CompletedFetch}, {@code BatchDecoder}) and runs rebalance steps
 * ({@code RebalanceRunner}); the background thread {@code brook-<clientId>-consumer}
 * ({@link io.brook.consumer.internal.BackgroundLoop}) runs the network-free group state machine
 * ({@link io.brook.consumer.internal.GroupMembership}), the {@code OffsetCommitter}, the {@code PositionUpdater},
 * offset lookups and the {@link io.brook.consumer.internal.Fetcher} with its fetch sessions. See the fetch and
 * rebalance paths in {@code docs/ARCHITECTURE.md}.
 */
package io.brook.consumer.internal;
