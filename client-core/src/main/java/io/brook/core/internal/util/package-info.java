/**
 * Internal: small concurrency and timing utilities: backoff, schedulers, deadlines, and the
 * {@code CallbackExecutor} that completes user-facing futures off every Brook-internal thread. Not a public API.
 */
package io.brook.core.internal.util;
