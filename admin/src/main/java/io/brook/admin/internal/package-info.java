/**
 * The admin client's implementation.
 *
 * <p>A call goes: {@link io.brook.admin.internal.DefaultAdmin} (validates arguments, picks the timeout) creates the
 * call's handler ({@code CreateTopicsHandler}, {@code DeleteTopicsHandler}, {@code ListTopicsHandler},
 * {@code DescribeTopicsHandler}, {@code DescribeClusterHandler}) and an {@link io.brook.admin.internal.AdminCall}
 * that drives it: {@code AdminHandler.nextRequest} builds a request, {@link io.brook.admin.internal.MetadataBrokers}
 * picks the broker through the admin's metadata manager (unless the handler names one), the {@code RequestSender}
 * (the network client) sends it, and {@code AdminHandler.onResponse}/{@code onFailure} map the answer to a
 * {@link io.brook.admin.internal.Step}: send the next request, retry after a backoff, done, or failed. Create and
 * delete then wait, through {@code TopicPropagation}, until every live broker's metadata shows the change.
 *
 * <p>Threads: handlers are pure logic confined to their call's chain of steps; steps run on the network client's
 * event-loop threads ({@code brook-<clientId>-io-<n>}) and on the timer thread
 * ({@code brook-<clientId>-admin}) that runs backoffs, deadlines and metadata refreshes. Nothing here blocks
 * except {@code DefaultAdmin.close}.
 */
package io.brook.admin.internal;
