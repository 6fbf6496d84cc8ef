package io.brook.core.internal.security;

import io.brook.common.config.Password;
import java.nio.charset.StandardCharsets;

/**
 * SASL/PLAIN (RFC 4616): one message, {@code [authzid] NUL username NUL password}; the broker's empty answer ends
 * it. Immutable apart from nothing: PLAIN has no state.
 */
final class PlainExchange implements SaslExchange {
    private final String username;
    private final Password password;

    PlainExchange(String username, Password password) {
        this.username = username;
        this.password = password;
    }

    @Override
    public String mechanismName() {
        return "PLAIN";
    }

    @Override
    public byte[] initialResponse() {
        return ("\0" + username + "\0" + password.value()).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public byte[] evaluate(byte[] challenge) {
        if (challenge.length != 0) {
            throw new SaslProtocolException("unexpected data from the broker after the PLAIN message");
        }
        return null;
    }
}
