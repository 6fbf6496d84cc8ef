/**
 * The admin client's implementation.
 *
 * <p>A call goes: {@link io.brook.admin.internal.DefaultAdmin} (validates arguments, picks the timeout) creates the
 * call's handler (one {@code *Handler} per operation) and a {@link io.brook.core.internal.call.CallDriver} (client
 * core's one call driver) that drives it: {@code CallHandler.nextRequests} builds a round of requests, the driver
 * sends each to the broker it names, to one {@link io.brook.core.internal.call.MetadataBrokers} picks through the
 * admin's metadata manager, or to the group or transaction coordinator its
 * {@link io.brook.core.internal.call.CoordinatorLookup} finds; {@code CallHandler.onResponse}/{@code onFailure} map
 * each answer to a {@link io.brook.core.internal.call.Step}: send the next round, retry after a backoff, done, or
 * failed. Create and delete then wait, through {@code TopicPropagation}, until every live broker's metadata shows
 * the change.
 *
 * <p>Threads: handlers are pure logic confined to their call; they run on the admin thread
 * ({@code brook-<clientId>-admin}), to which every response is handed and which runs backoffs, deadlines and
 * metadata refreshes. The futures returned to the user complete on the callback threads
 * ({@code brook-<clientId>-callbacks-<n>}). Nothing here blocks except {@code DefaultAdmin.close}.
 */
package io.brook.admin.internal;
