package io.brook.core.internal.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.brook.common.config.OAuthBearerToken;
import io.brook.core.ManualTime;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

class OAuthBearerTokensTest {
    private final ManualTime time = new ManualTime(0);
    private final Deque<CompletableFuture<OAuthBearerToken>> answers = new ArrayDeque<>();
    private int calls;
    private final OAuthBearerTokens tokens = new OAuthBearerTokens(() -> {
        calls++;
        return answers.poll();
    }, time);

    private OAuthBearerToken token(String value, long issuedMs, long expiresMs) {
        return OAuthBearerToken.of(value, Instant.ofEpochMilli(issuedMs), Instant.ofEpochMilli(expiresMs));
    }

    @Test
    void cachesUntilEightyPercentOfTheLifetimeThenRefreshes() throws Exception {
        answers.add(CompletableFuture.completedFuture(token("first", 0, 10_000)));
        answers.add(CompletableFuture.completedFuture(token("second", 8_000, 18_000)));
        assertThat(tokens.token().get().value().value()).isEqualTo("first");
        time.advance(7_999);
        assertThat(tokens.token().get().value().value()).isEqualTo("first");
        assertThat(calls).isEqualTo(1);
        time.advance(1);
        assertThat(tokens.token().get().value().value()).isEqualTo("second");
        assertThat(calls).isEqualTo(2);
    }

    @Test
    void oneFetchAtATimeIsShared() throws Exception {
        CompletableFuture<OAuthBearerToken> pending = new CompletableFuture<>();
        answers.add(pending);
        CompletableFuture<OAuthBearerToken> a = tokens.token();
        CompletableFuture<OAuthBearerToken> b = tokens.token();
        assertThat(calls).isEqualTo(1);
        pending.complete(token("t", 0, 10_000));
        assertThat(a.get()).isSameAs(b.get());
    }

    @Test
    void keepsTheValidTokenWhenARefreshFailsAndFailsOnceItExpired() throws Exception {
        answers.add(CompletableFuture.completedFuture(token("first", 0, 10_000)));
        answers.add(CompletableFuture.failedFuture(new IllegalStateException("token endpoint down")));
        answers.add(CompletableFuture.failedFuture(new IllegalStateException("token endpoint down")));
        tokens.token().get();
        time.advance(9_000);
        assertThat(tokens.token().get().value().value()).isEqualTo("first");
        time.advance(1_000);
        assertThatThrownBy(() -> tokens.token().get()).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(IllegalStateException.class);
    }

    @Test
    void tokenToStringHidesTheToken() {
        assertThat(token("eyJhbGciOi.secret.sig", 0, 1).toString()).doesNotContain("secret").contains("[hidden]");
    }
}
