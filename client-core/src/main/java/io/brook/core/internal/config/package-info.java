/**
 * Internal: the one mapping of a parsed configuration onto the network layer ({@code NetworkConfigs}), the retry
 * backoff rule ({@code RetryBackoffs}) and client id generation ({@code ClientIds}). Not a public API.
 */
package io.brook.core.internal.config;
