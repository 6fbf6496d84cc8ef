/**
 * Internal: how clients emit {@link io.brook.common.event.ClientEvent}s. Components write to an {@code EventSink};
 * with a user's listener it is an {@code EventDispatcher} (a bounded queue and one named delivery thread, so a slow
 * or throwing listener never slows or breaks the client), without one {@code EventSink.NONE}.
 * {@code EventingRequestSender} turns requests into request, timeout and retry events; the network layer emits the
 * connection events.
 */
package io.brook.core.internal.event;
