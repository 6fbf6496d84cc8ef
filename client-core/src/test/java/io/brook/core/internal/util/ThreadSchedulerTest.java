package io.brook.core.internal.util;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ThreadSchedulerTest {
    private static final String NAME = "brook-unit-timer";
    private final ThreadScheduler scheduler = new ThreadScheduler(NAME);

    @AfterEach
    void tearDown() {
        scheduler.shutdown(Duration.ofSeconds(5));
    }

    @Test
    void runsTasksInDueOrderOnItsNamedThread() throws Exception {
        List<String> ran = new CopyOnWriteArrayList<>();
        CountDownLatch both = new CountDownLatch(2);
        scheduler.schedule(() -> {
            ran.add("late on " + describe(Thread.currentThread()));
            both.countDown();
        }, 50);
        scheduler.schedule(() -> {
            ran.add("soon on " + describe(Thread.currentThread()));
            both.countDown();
        }, 0);

        assertThat(both.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(ran).containsExactly("soon on daemon " + NAME, "late on daemon " + NAME);
    }

    @Test
    void aCancelledTaskDoesNotRun() throws Exception {
        CompletableFuture<String> cancelled = new CompletableFuture<>();
        CompletableFuture<String> marker = new CompletableFuture<>();
        scheduler.schedule(() -> cancelled.complete("ran"), 100).cancel();
        scheduler.schedule(() -> marker.complete("ran"), 200);

        assertThat(marker.get(5, TimeUnit.SECONDS)).isEqualTo("ran");
        assertThat(cancelled).isNotDone();
    }

    @Test
    void aFailingTaskDoesNotEndTheThread() throws Exception {
        scheduler.schedule(() -> {
            throw new IllegalStateException("boom (expected by the test)");
        }, 0);
        CompletableFuture<String> after = new CompletableFuture<>();
        scheduler.schedule(() -> after.complete(Thread.currentThread().getName()), 10);

        assertThat(after.get(5, TimeUnit.SECONDS)).isEqualTo(NAME);
    }

    @Test
    void shutdownEndsTheThreadAndDropsPendingAndLaterTasks() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        scheduler.schedule(started::countDown, 0);
        assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<String> pending = new CompletableFuture<>();
        scheduler.schedule(() -> pending.complete("ran"), 10_000);

        assertThat(scheduler.shutdown(Duration.ofSeconds(5))).isTrue();

        assertThat(timerThreads()).isEmpty();
        CompletableFuture<String> later = new CompletableFuture<>();
        scheduler.schedule(() -> later.complete("ran"), 0).cancel(); // ignored, and its handle is harmless
        scheduler.schedule(() -> later.complete("ran"), 0);
        // No thread exists that could run them, and scheduling after shutdown started none.
        assertThat(timerThreads()).isEmpty();
        assertThat(pending).isNotDone();
        assertThat(later).isNotDone();
    }

    private static String describe(Thread t) {
        return (t.isDaemon() ? "daemon " : "") + t.getName();
    }

    private static List<Thread> timerThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals(NAME) && t.isAlive())
                .toList();
    }
}
