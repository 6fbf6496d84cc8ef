/**
 * Seams shared by every client: {@link io.brook.core.Time}, the only source of time in Brook's logic, and
 * {@link io.brook.core.ManualTime} for tests that drive timeouts, backoff and linger without waiting.
 */
package io.brook.core;
