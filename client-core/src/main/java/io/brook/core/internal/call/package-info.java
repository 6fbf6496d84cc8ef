/**
 * The one call driver of every client: retries, deadlines, broker choice and coordinator lookup for requests
 * that are not on a hot path (admin operations, group and transaction coordinator requests, offset lookups).
 *
 * <p>A {@link io.brook.core.internal.call.CallHandler} is a call's protocol logic (pure: builds requests, maps
 * responses to a {@link io.brook.core.internal.call.Step}); a {@link io.brook.core.internal.call.CallDriver}
 * drives it through rounds of {@link io.brook.core.internal.call.CallRequest}s, each sent to a given broker, to
 * any broker (a {@link io.brook.core.internal.call.BrokerSelector}, {@link
 * io.brook.core.internal.call.MetadataBrokers} over the client's metadata manager) or to the coordinator of a
 * {@link io.brook.core.internal.call.CoordinatorKey} (a {@link io.brook.core.internal.call.CoordinatorLookup},
 * cached per key and invalidated when the coordinator moves). A client's drivers share one
 * {@link io.brook.core.internal.call.CallContext}.
 */
package io.brook.core.internal.call;
