package io.brook.core.internal.util;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Helpers for the futures Brook's asynchronous calls return. Stateless. */
public final class Futures {
    private Futures() {}

    /**
     * The failure a future's wrapper exception stands for: dependent stages see the original failure wrapped in a
     * {@link CompletionException} (and {@code get()} in an {@link ExecutionException}); callers that map failures
     * to typed errors must look at what is inside.
     *
     * @return the innermost cause of such wrappers, or {@code error} itself if it is none
     */
    public static Throwable unwrap(Throwable error) {
        Throwable e = error;
        while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }
}
