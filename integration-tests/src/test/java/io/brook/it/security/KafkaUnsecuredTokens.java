package io.brook.it.security;

import io.brook.common.config.OAuthBearerToken;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.auth.login.AppConfigurationEntry;
import org.apache.kafka.common.security.auth.AuthenticateCallbackHandler;
import org.apache.kafka.common.security.oauthbearer.OAuthBearerTokenCallback;

/**
 * kafka-clients' login callback handler for OAUTHBEARER with unsigned tokens, for the kafka-clients side of the
 * security ITs ({@code sasl.login.callback.handler.class}). kafka-clients' own unsecured handler needs Jackson,
 * which the test class path does not have; this one hands out the same unsigned JWTs the Brook side uses
 * ({@link SecuredAdminIT#unsecuredTokens}), for the test user.
 */
public final class KafkaUnsecuredTokens implements AuthenticateCallbackHandler {

    @Override
    public void configure(Map<String, ?> configs, String saslMechanism, List<AppConfigurationEntry> jaas) {}

    @Override
    public void handle(Callback[] callbacks) throws UnsupportedCallbackException {
        for (Callback callback : callbacks) {
            if (!(callback instanceof OAuthBearerTokenCallback tokenCallback)) {
                throw new UnsupportedCallbackException(callback);
            }
            OAuthBearerToken token = SecuredAdminIT.unsecuredTokens(SecuredCluster.USER, Duration.ofMinutes(10))
                    .token().toCompletableFuture().join();
            tokenCallback.token(new org.apache.kafka.common.security.oauthbearer.OAuthBearerToken() {
                @Override
                public String value() {
                    return token.value().value();
                }

                @Override
                public Set<String> scope() {
                    return Set.of();
                }

                @Override
                public long lifetimeMs() {
                    return token.expiresAt().toEpochMilli();
                }

                @Override
                public String principalName() {
                    return SecuredCluster.USER;
                }

                @Override
                public Long startTimeMs() {
                    return token.issuedAt().toEpochMilli();
                }
            });
        }
    }

    @Override
    public void close() {}
}
