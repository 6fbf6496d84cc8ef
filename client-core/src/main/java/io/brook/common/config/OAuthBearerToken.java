package io.brook.common.config;

import java.time.Instant;
import java.util.Objects;

/**
 * A bearer token for SASL/OAUTHBEARER, as a {@link OAuthBearerTokenSupplier} hands it out: the compact token
 * itself (usually a JWT) and when it expires. Brook asks for a new token once {@value #REFRESH_FRACTION_PERCENT}%
 * of its lifetime has passed, so connections never authenticate with a token about to expire.
 *
 * <p>Immutable. {@link #toString()} never shows the token.
 *
 * @param value the token as sent to the broker; a secret
 * @param issuedAt when the token was obtained (or issued); the refresh point is measured from here
 * @param expiresAt when the token stops being valid
 */
public record OAuthBearerToken(Password value, Instant issuedAt, Instant expiresAt) {
    /** The share of a token's lifetime after which it is refreshed, in percent (Kafka's 0.8 window factor). */
    public static final int REFRESH_FRACTION_PERCENT = 80;

    public OAuthBearerToken {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (value.isEmpty() || value.value().chars().anyMatch(c -> c <= ' ' || c > '~')) {
            throw new IllegalArgumentException("an OAUTHBEARER token must be non-empty printable ASCII without "
                    + "spaces (RFC 6750 b64token)");
        }
        if (!expiresAt.isAfter(issuedAt)) {
            throw new IllegalArgumentException("token expires (" + expiresAt + ") before it is issued (" + issuedAt
                    + ")");
        }
    }

    /** A token issued now-ish: {@code issuedAt} is {@code now}. */
    public static OAuthBearerToken of(String value, Instant now, Instant expiresAt) {
        return new OAuthBearerToken(Password.of(value), now, expiresAt);
    }

    /** When Brook fetches a replacement: {@value #REFRESH_FRACTION_PERCENT}% into the lifetime. */
    public Instant refreshAt() {
        long lifetimeMs = expiresAt.toEpochMilli() - issuedAt.toEpochMilli();
        return issuedAt.plusMillis(lifetimeMs * REFRESH_FRACTION_PERCENT / 100);
    }

    @Override
    public String toString() {
        return "OAuthBearerToken(" + Password.HIDDEN + ", issued " + issuedAt + ", expires " + expiresAt + ")";
    }
}
