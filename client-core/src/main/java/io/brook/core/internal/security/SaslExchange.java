package io.brook.core.internal.security;

/**
 * The client side of one SASL conversation for one mechanism: the bytes of each SaslAuthenticate request, from
 * the broker's answers. Pure logic, no I/O; a fresh instance per authentication.
 *
 * <p>Confined to the thread that drives the conversation (the connection's event loop).
 */
public interface SaslExchange {
    /** The mechanism's name on the wire, e.g. {@code SCRAM-SHA-256}. */
    String mechanismName();

    /** The client's first message. */
    byte[] initialResponse();

    /**
     * Reads the broker's answer to the previous message (its {@code auth_bytes}, from a response without error).
     *
     * @return the next message to send, or null when the client is satisfied and authentication is done
     * @throws SaslProtocolException if the answer is malformed, or proves the broker is not who it claims to be,
     *     or reports an error
     */
    byte[] evaluate(byte[] challenge);
}
