package io.brook.core.internal.security;

import io.brook.common.config.OAuthBearerTokenSupplier;
import io.brook.common.config.Password;
import io.brook.common.config.SaslMechanism;
import io.brook.core.Time;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * A client's SASL mechanism and credentials: a user name and password (PLAIN, SCRAM) or a token source
 * (OAUTHBEARER). Starts one {@link SaslExchange} per authentication.
 *
 * <p>Immutable and thread-safe (the token cache is). {@link #toString()} shows no secret.
 */
public final class SaslSettings {
    private final SaslMechanism mechanism;
    private final String username;
    private final Password password;
    private final OAuthBearerTokens tokens;
    private final Map<String, String> extensions;

    private SaslSettings(SaslMechanism mechanism, String username, Password password, OAuthBearerTokens tokens,
            Map<String, String> extensions) {
        this.mechanism = mechanism;
        this.username = username;
        this.password = password;
        this.tokens = tokens;
        this.extensions = Map.copyOf(extensions);
    }

    /** PLAIN or SCRAM with a user name and password. */
    public static SaslSettings userPassword(SaslMechanism mechanism, String username, Password password) {
        if (mechanism == SaslMechanism.OAUTHBEARER) {
            throw new IllegalArgumentException("OAUTHBEARER takes a token supplier, not a password");
        }
        return new SaslSettings(mechanism, Objects.requireNonNull(username, "username"),
                Objects.requireNonNull(password, "password"), null, Map.of());
    }

    /**
     * OAUTHBEARER with tokens from {@code supplier}, cached and refreshed ahead of expiry.
     *
     * @param extensions SASL extensions sent with the token (Kafka's {@code unsecuredLoginExtension_<name>})
     */
    public static SaslSettings oauthBearer(OAuthBearerTokenSupplier supplier, Map<String, String> extensions,
            Time time) {
        return new SaslSettings(SaslMechanism.OAUTHBEARER, null, null,
                new OAuthBearerTokens(Objects.requireNonNull(supplier, "supplier"), time), extensions);
    }

    public SaslMechanism mechanism() {
        return mechanism;
    }

    /**
     * A new conversation; completes at once for PLAIN and SCRAM, once a token is at hand for OAUTHBEARER (on the
     * token supplier's thread: the caller hops back to its own). Never blocks.
     */
    public CompletableFuture<SaslExchange> newExchange() {
        return switch (mechanism) {
            case PLAIN -> CompletableFuture.completedFuture(new PlainExchange(username, password));
            case SCRAM_SHA_256, SCRAM_SHA_512 -> CompletableFuture.completedFuture(
                    new ScramExchange(mechanism, username, password));
            case OAUTHBEARER -> tokens.token().thenApply(token -> new OAuthBearerExchange(token, extensions));
        };
    }

    @Override
    public String toString() {
        return "SaslSettings(" + mechanism + (username == null ? ", token supplier" : ", user " + username) + ")";
    }
}
