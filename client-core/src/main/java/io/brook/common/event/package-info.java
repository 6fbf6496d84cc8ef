/**
 * Instrumentation events every Brook client emits, and the listener that receives them
 * ({@link io.brook.common.event.ClientEventListener}).
 */
package io.brook.common.event;
