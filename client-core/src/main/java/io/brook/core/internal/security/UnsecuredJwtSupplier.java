package io.brook.core.internal.security;

import io.brook.common.config.OAuthBearerToken;
import io.brook.common.config.OAuthBearerTokenSupplier;
import io.brook.core.Time;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The tokens of Kafka's {@code OAuthBearerLoginModule} without a login callback handler: unsigned JWTs
 * ({@code "alg":"none"}) with the claims the JAAS options give, issued now and valid for the configured lifetime.
 * For development and tests against brokers with the default unsecured validator; production uses a
 * {@link OAuthBearerTokenSupplier} of the user's. Immutable.
 *
 * @param stringClaims claims with text values ({@code unsecuredLoginStringClaim_<name>}), {@code sub} among them
 * @param numberClaims claims with numeric values ({@code unsecuredLoginNumberClaim_<name>})
 * @param listClaims claims with lists of text ({@code unsecuredLoginListClaim_<name>})
 * @param lifetimeSeconds {@code unsecuredLoginLifetimeSeconds}
 */
record UnsecuredJwtSupplier(Map<String, String> stringClaims, Map<String, Double> numberClaims,
        Map<String, List<String>> listClaims, long lifetimeSeconds, Time time) implements OAuthBearerTokenSupplier {

    @Override
    public CompletionStage<OAuthBearerToken> token() {
        long nowMs = time.milliseconds();
        long expMs = nowMs + lifetimeSeconds * 1000L;
        StringBuilder payload = new StringBuilder("{\"iat\":").append(nowMs / 1000).append(",\"exp\":")
                .append(expMs / 1000);
        stringClaims.forEach((k, v) -> payload.append(',').append(json(k)).append(':').append(json(v)));
        numberClaims.forEach((k, v) -> payload.append(',').append(json(k)).append(':')
                .append(BigDecimal.valueOf(v).toPlainString()));
        listClaims.forEach((k, values) -> {
            payload.append(',').append(json(k)).append(":[");
            for (int i = 0; i < values.size(); i++) {
                payload.append(i == 0 ? "" : ",").append(json(values.get(i)));
            }
            payload.append(']');
        });
        payload.append('}');
        String jwt = base64Url("{\"alg\":\"none\"}") + "." + base64Url(payload.toString()) + ".";
        return CompletableFuture.completedFuture(OAuthBearerToken.of(jwt, Instant.ofEpochMilli(nowMs),
                Instant.ofEpochMilli(expMs / 1000 * 1000)));
    }

    private static String base64Url(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** A JSON string literal. */
    static String json(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    @Override
    public String toString() {
        return "UnsecuredJwtSupplier(claims " + stringClaims.keySet() + ", lifetime " + lifetimeSeconds + " s)";
    }
}
