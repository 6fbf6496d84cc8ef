package io.brook.producer.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.brook.common.errors.TimeoutException;
import io.brook.core.Time;
import io.brook.producer.ProducerClosedException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 20, unit = TimeUnit.SECONDS)
class BufferPoolTest {

    private static long deadline(long ms) {
        return System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ms);
    }

    @Test
    void reservesAndReleasesWithoutWaitingWhileThereIsRoom() {
        BufferPool pool = new BufferPool(1000, Time.SYSTEM);
        pool.reserve(600, deadline(0), 0, "a record");
        assertThat(pool.availableBytes()).isEqualTo(400);
        assertThat(pool.tryReserve(500)).isFalse();
        pool.release(600);
        assertThat(pool.tryReserve(1000)).isTrue();
    }

    @Test
    void aFullPoolMakesTheCallerWaitThenTimesOutNamingTheKeys() {
        BufferPool pool = new BufferPool(1000, Time.SYSTEM);
        pool.reserve(900, deadline(0), 0, "r1");
        long start = System.nanoTime();
        assertThatThrownBy(() -> pool.reserve(200, deadline(150), 150, "t-0"))
                .isInstanceOf(TimeoutException.class).hasMessageContaining("buffer.memory")
                .hasMessageContaining("max.block.ms (150 ms)").hasMessageContaining("a record for t-0");
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isGreaterThanOrEqualTo(140);
        assertThat(pool.availableBytes()).isEqualTo(100);
    }

    @Test
    void aWaiterGetsRoomAsSoonAsItIsReleased() throws Exception {
        BufferPool pool = new BufferPool(1000, Time.SYSTEM);
        pool.reserve(1000, deadline(0), 0, "r1");
        CompletableFuture<Void> waiter = CompletableFuture.runAsync(() -> pool.reserve(300, deadline(10_000),
                10_000, "r2"));
        Thread.sleep(100);
        assertThat(waiter).isNotDone();
        pool.release(500);
        waiter.get(5, TimeUnit.SECONDS);
        assertThat(pool.availableBytes()).isEqualTo(200);
    }

    @Test
    void closingFailsWaitersAndLaterReservations() throws Exception {
        BufferPool pool = new BufferPool(100, Time.SYSTEM);
        pool.reserve(100, deadline(0), 0, "r1");
        CompletableFuture<Void> waiter = CompletableFuture.runAsync(() -> pool.reserve(50, deadline(10_000),
                10_000, "r2"));
        Thread.sleep(100);
        pool.close();
        assertThatThrownBy(() -> waiter.get(5, TimeUnit.SECONDS)).cause()
                .isInstanceOf(ProducerClosedException.class);
        assertThatThrownBy(() -> pool.reserve(1, deadline(10), 10, "r3"))
                .isInstanceOf(ProducerClosedException.class);
    }

    @Test
    void theSenderMayOverdrawAndSendersThenWait() {
        BufferPool pool = new BufferPool(100, Time.SYSTEM);
        pool.forceReserve(150);
        assertThat(pool.availableBytes()).isEqualTo(-50);
        assertThat(pool.tryReserve(1)).isFalse();
        pool.release(150);
        assertThat(pool.availableBytes()).isEqualTo(100);
    }
}
