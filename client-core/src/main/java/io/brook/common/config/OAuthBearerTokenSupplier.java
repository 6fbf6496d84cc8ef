package io.brook.common.config;

import java.util.concurrent.CompletionStage;

/**
 * Where SASL/OAUTHBEARER tokens come from: the user's code, typically a call to an OAuth 2 token endpoint
 * (client credentials) or a token a platform mounts. Brook calls it when a connection authenticates and its
 * cached token is past its refresh point ({@link OAuthBearerToken#refreshAt()}), never more than once at a
 * time per client.
 *
 * <p>Called on a Brook I/O thread: it must not block. Return a stage that is completed later (by the user's HTTP
 * client, for instance) or an already completed one. A failed stage fails the connection attempt with a
 * {@code SaslAuthenticationException} that names the cause's type, not its message (it may hold secrets).
 */
@FunctionalInterface
public interface OAuthBearerTokenSupplier {
    /** A fresh token. */
    CompletionStage<OAuthBearerToken> token();
}
