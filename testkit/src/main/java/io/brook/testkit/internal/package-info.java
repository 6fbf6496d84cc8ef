/**
 * Internal: how the testkit launches brokers (child JVMs, Testcontainers, or an external cluster). Not a public API.
 */
package io.brook.testkit.internal;
