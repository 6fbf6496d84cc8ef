/**
 * Client configuration with Kafka's key names: {@link io.brook.common.config.ConfigDefinition} declares a client's
 * keys, parsing a {@code Map} gives a validated {@link io.brook.common.config.ClientConfig}, and the typed options
 * ({@link io.brook.common.config.AdminOptions}, ...) build the same from setters. Unknown keys are rejected with the
 * closest known key; every key, default and unit is listed in {@code docs/CONFIGURATION.md}.
 */
package io.brook.common.config;
