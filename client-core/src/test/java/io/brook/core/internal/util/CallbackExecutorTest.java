package io.brook.core.internal.util;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.brook.core.Time;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CallbackExecutorTest {
    private final CallbackExecutor callbacks = new CallbackExecutor("cb-test", Time.SYSTEM, Duration.ofMillis(50));

    @AfterEach
    void close() {
        callbacks.close(Duration.ofSeconds(5));
    }

    @Test
    void runsTasksInSubmissionOrderOnNamedThreads() throws Exception {
        List<Integer> order = new CopyOnWriteArrayList<>();
        List<String> names = new CopyOnWriteArrayList<>();
        CountDownLatch done = new CountDownLatch(1000);
        for (int i = 0; i < 1000; i++) {
            int n = i;
            callbacks.execute(() -> {
                order.add(n);
                names.add(Thread.currentThread().getName());
                done.countDown();
            });
        }
        assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
        for (int i = 0; i < 1000; i++) {
            assertThat(order.get(i)).isEqualTo(i);
        }
        assertThat(names).allMatch(n -> n.startsWith("brook-cb-test-callbacks-"));
    }

    @Test
    void aCallbackThatBlocksOnALaterCompletionDoesNotDeadlock() throws Exception {
        CompletableFuture<String> later = new CompletableFuture<>();
        CompletableFuture<String> seenInsideTheFirstCallback = new CompletableFuture<>();
        callbacks.execute(() -> seenInsideTheFirstCallback.complete(later.join()));
        // The completion the first callback waits for is queued behind it, as a client would queue it.
        callbacks.execute(() -> later.complete("completed by the second task"));

        assertThat(seenInsideTheFirstCallback.get(10, TimeUnit.SECONDS)).isEqualTo("completed by the second task");
    }

    @Test
    void aThrowingTaskIsLoggedAndTheNextOneRuns() throws Exception {
        CompletableFuture<Boolean> next = new CompletableFuture<>();
        callbacks.execute(() -> {
            throw new IllegalStateException("user bug");
        });
        callbacks.execute(() -> next.complete(true));
        assertThat(next.get(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void closeRunsWhatIsQueuedThenRejectsAndStopsItsThreads() throws Exception {
        CountDownLatch ran = new CountDownLatch(3);
        for (int i = 0; i < 3; i++) {
            callbacks.execute(ran::countDown);
        }
        callbacks.close(Duration.ofSeconds(5));
        assertThat(ran.await(0, TimeUnit.SECONDS)).isTrue();
        assertThatThrownBy(() -> callbacks.execute(() -> { })).isInstanceOf(RejectedExecutionException.class);
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(
                t -> t.getName().startsWith("brook-cb-test-callbacks-") && t.isAlive());
    }

    @Test
    void aTaskQueuedBehindAnAlreadyOverdueOneIsHandedOverPromptly() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch blocking = new CountDownLatch(1);
        callbacks.execute(() -> {
            blocking.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertThat(blocking.await(5, TimeUnit.SECONDS)).isTrue();
        Thread.sleep(200); // the first task is now well past the 50 ms hand-over time, with nothing queued
        CompletableFuture<String> second = new CompletableFuture<>();
        long queuedNs = System.nanoTime();
        callbacks.execute(() -> second.complete(Thread.currentThread().getName()));
        String ranOn = second.get(5, TimeUnit.SECONDS);
        long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - queuedNs);
        release.countDown();
        assertThat(ranOn).isEqualTo("brook-cb-test-callbacks-1");
        assertThat(tookMs).as("hand-over delay after queueing behind an overdue task").isLessThan(1_000);
    }

    @Test
    void tasksSubmittedOneAtATimeStartNoThreadPerTask() throws Exception {
        // A short hand-over time and tasks spaced beyond it: the watchdog has nothing to watch between tasks.
        CallbackExecutor quick = new CallbackExecutor("cb-quick", Time.SYSTEM, Duration.ofMillis(1));
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        try {
            long startedBefore = mx.getTotalStartedThreadCount();
            for (int i = 0; i < 50; i++) {
                CompletableFuture<Void> ran = new CompletableFuture<>();
                quick.execute(() -> ran.complete(null));
                ran.get(5, TimeUnit.SECONDS);
                Thread.sleep(3);
            }
            // One drainer and one watchdog; a watchdog started per task (the earlier design) made ~50.
            assertThat(mx.getTotalStartedThreadCount() - startedBefore).isLessThanOrEqualTo(4);
        } finally {
            quick.close(Duration.ofSeconds(5));
        }
    }
}
