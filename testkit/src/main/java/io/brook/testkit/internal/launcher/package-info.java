/**
 * Internal: the main class run in each launched broker JVM. Not a public API.
 */
package io.brook.testkit.internal.launcher;
