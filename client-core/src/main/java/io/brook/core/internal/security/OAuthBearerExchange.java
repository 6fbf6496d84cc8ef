package io.brook.core.internal.security;

import io.brook.common.config.OAuthBearerToken;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * SASL/OAUTHBEARER (RFC 7628) as Kafka runs it: one message, {@code n,,^Aauth=Bearer <token>^A[key=value^A...]^A}
 * (^A is 0x01; the key-value pairs are SASL extensions). An empty answer ends it. A failed token is answered
 * with a JSON error document; RFC 7628 has the client acknowledge it with a lone ^A, after which the broker fails
 * the exchange with an error code, and {@link #evaluate} reports the document's status.
 *
 * <p>Confined to the connection's event loop; one instance per authentication.
 */
final class OAuthBearerExchange implements SaslExchange {
    private static final char SEPARATOR = '\u0001';

    private final OAuthBearerToken token;
    private final Map<String, String> extensions;
    private String brokerError;

    OAuthBearerExchange(OAuthBearerToken token, Map<String, String> extensions) {
        this.token = token;
        this.extensions = Map.copyOf(extensions);
    }

    @Override
    public String mechanismName() {
        return "OAUTHBEARER";
    }

    @Override
    public byte[] initialResponse() {
        StringBuilder message = new StringBuilder("n,,").append(SEPARATOR).append("auth=Bearer ")
                .append(token.value().value()).append(SEPARATOR);
        extensions.forEach((key, value) -> message.append(key).append('=').append(value).append(SEPARATOR));
        return message.append(SEPARATOR).toString().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public byte[] evaluate(byte[] challenge) {
        if (brokerError != null) {
            throw new SaslProtocolException("the broker rejected the token: " + brokerError);
        }
        if (challenge.length == 0) {
            return null;
        }
        // An error document such as {"status":"invalid_token"}: acknowledge, the broker then fails the exchange.
        brokerError = new String(challenge, StandardCharsets.UTF_8);
        return new byte[] {SEPARATOR};
    }

    /** The broker's error document, if it sent one; it names the token's problem and is no secret. */
    String brokerError() {
        return brokerError;
    }
}
