package io.brook.core.internal.security;

import io.brook.common.config.OAuthBearerToken;
import io.brook.common.config.OAuthBearerTokenSupplier;
import io.brook.core.Time;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The current OAUTHBEARER token of one client: fetched from the user's {@link OAuthBearerTokenSupplier} on first
 * use and again once the token is past its refresh point ({@link OAuthBearerToken#refreshAt()}), so that every
 * authentication uses a token well before its expiry. One fetch at a time: connections that authenticate meanwhile
 * share it. If a refresh fails while the old token is still valid, the old token is used (and the next
 * authentication tries again); a failure without a valid token fails the authentication.
 *
 * <p>Thread-safe: {@code this} guards the cached token and the fetch in progress, held only to read or swap them.
 */
final class OAuthBearerTokens {
    private static final Logger log = LoggerFactory.getLogger(OAuthBearerTokens.class);

    private final OAuthBearerTokenSupplier supplier;
    private final Time time;
    private OAuthBearerToken current;
    private CompletableFuture<OAuthBearerToken> fetching;

    OAuthBearerTokens(OAuthBearerTokenSupplier supplier, Time time) {
        this.supplier = supplier;
        this.time = time;
    }

    /** A token to authenticate with now; completes on the supplier's thread or at once. Never blocks. */
    CompletableFuture<OAuthBearerToken> token() {
        CompletableFuture<OAuthBearerToken> fetch;
        synchronized (this) {
            long now = time.milliseconds();
            if (current != null && now < current.refreshAt().toEpochMilli()) {
                return CompletableFuture.completedFuture(current);
            }
            if (fetching != null) {
                return fetching.copy();
            }
            fetch = new CompletableFuture<>();
            fetching = fetch;
        }
        CompletableFuture<OAuthBearerToken> supplied;
        try {
            supplied = supplier.token().toCompletableFuture();
        } catch (RuntimeException e) {
            supplied = CompletableFuture.failedFuture(e);
        }
        supplied.whenComplete((token, error) -> settle(fetch, token, error));
        return fetch.copy();
    }

    private void settle(CompletableFuture<OAuthBearerToken> fetch, OAuthBearerToken token, Throwable error) {
        Throwable failure = error != null ? unwrap(error)
                : token == null ? new IllegalStateException("the OAUTHBEARER token supplier returned null") : null;
        OAuthBearerToken result;
        synchronized (this) {
            fetching = null;
            if (failure == null) {
                current = token;
            }
            result = current != null && time.milliseconds() < current.expiresAt().toEpochMilli() ? current : null;
        }
        if (result == null) {
            fetch.completeExceptionally(failure != null ? failure : new IllegalStateException(
                    "the OAUTHBEARER token supplier returned a token that expired at " + token.expiresAt()));
            return;
        }
        if (failure != null) {
            // Only the type: a supplier's message may quote a client secret or a token endpoint's answer.
            log.warn("Refreshing the OAUTHBEARER token failed ({}); using the current token until it expires at {}",
                    failure.getClass().getName(), result.expiresAt());
        }
        fetch.complete(result);
    }

    private static Throwable unwrap(Throwable t) {
        return t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
    }
}
