/**
 * Internal: the Netty network layer. {@code NetworkClient} owns the event loops and one connection per broker
 * address and {@code ConnectionRole}; {@code RequestSender} is the seam protocol logic sends through (each owner gets
 * a view whose futures complete on its own thread); {@code VersionNegotiator} is the one place a wire version is
 * chosen. See {@code docs/ARCHITECTURE.md}, "The path of one request". Not a public API.
 */
package io.brook.core.internal.network;
