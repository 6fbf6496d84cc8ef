package io.brook.core.internal.network;

import static io.brook.core.internal.network.RequestPipelineTest.causeOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.brook.common.errors.NetworkClientClosedException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AsyncHostResolverTest {
    private static final String CLIENT = "resolver-test";

    private final List<String> lookedUp = new CopyOnWriteArrayList<>();
    private final List<String> lookupThreads = new CopyOnWriteArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private final AsyncHostResolver resolver = new AsyncHostResolver(this::dns, CLIENT);

    /** A fake DNS: "stuck.test" blocks until released, "dual.test" has both families. */
    private InetAddress[] dns(String host) throws UnknownHostException {
        lookedUp.add(host);
        lookupThreads.add(Thread.currentThread().getName());
        switch (host) {
            case "stuck.test" -> {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    throw new UnknownHostException(host + ": interrupted");
                }
                return new InetAddress[] {InetAddress.getByAddress(host, new byte[] {10, 0, 0, 9})};
            }
            case "dual.test" -> {
                return new InetAddress[] {
                    InetAddress.getByAddress(host, new byte[] {10, 0, 0, 1}),
                    InetAddress.getByAddress(host, new byte[] {0x20, 0x01, 0x0d, (byte) 0xb8, 0, 0, 0, 0, 0, 0, 0, 0,
                            0, 0, 0, 1}),
                    InetAddress.getByAddress(host, new byte[] {10, 0, 0, 2})};
            }
            case "v6first.test" -> {
                return new InetAddress[] {
                    InetAddress.getByAddress(host, new byte[] {0x20, 0x01, 0x0d, (byte) 0xb8, 0, 0, 0, 0, 0, 0, 0, 0,
                            0, 0, 0, 1}),
                    InetAddress.getByAddress(host, new byte[] {10, 0, 0, 1})};
            }
            case "empty.test" -> {
                return new InetAddress[0];
            }
            default -> throw new UnknownHostException(host + ": Name or service not known");
        }
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        release.countDown();
        resolver.shutdownNow();
        assertThat(resolver.awaitTermination(io.brook.core.internal.util.Deadline.after(io.brook.core.Time.SYSTEM, java.time.Duration.ofMillis(5_000)))).isTrue();
        assertThat(dnsThreads()).isEmpty();
    }

    @Test
    void ipLiteralsAreAnsweredAtOnceWithoutALookup() {
        CompletableFuture<List<InetAddress>> v4 = resolver.resolve("127.0.0.1");
        CompletableFuture<List<InetAddress>> v6 = resolver.resolve("::1");

        assertThat(v4).isCompleted();
        assertThat(v4.join()).extracting(InetAddress::getHostAddress).containsExactly("127.0.0.1");
        assertThat(v6.join()).singleElement().isInstanceOf(Inet6Address.class);
        assertThat(lookedUp).isEmpty();
        assertThat(dnsThreads()).as("no thread started for literals").isEmpty();
    }

    @Test
    void namesAreLookedUpOnTheClientsNamedThreadsAndNarrowedToTheFirstAddressFamily() {
        List<InetAddress> dual = resolver.resolve("dual.test").join();
        List<InetAddress> v6First = resolver.resolve("v6first.test").join();

        assertThat(dual).extracting(InetAddress::getHostAddress).containsExactly("10.0.0.1", "10.0.0.2");
        assertThat(dual).allMatch(a -> a instanceof Inet4Address);
        assertThat(v6First).singleElement().isInstanceOf(Inet6Address.class);
        assertThat(lookupThreads).allMatch(name -> name.matches("brook-" + CLIENT + "-dns-\\d+"));
    }

    @Test
    void aNameThatDoesNotResolveFailsWithTheResolversError() {
        assertThat(causeOf(await(resolver.resolve("nowhere.test")))).isInstanceOf(UnknownHostException.class)
                .hasMessageContaining("nowhere.test");
        assertThat(causeOf(await(resolver.resolve("empty.test")))).isInstanceOf(UnknownHostException.class)
                .hasMessageContaining("empty.test");
    }

    @Test
    void aLookupThatBlocksDoesNotHoldUpLookupsOfOtherNames() {
        CompletableFuture<List<InetAddress>> stuck = resolver.resolve("stuck.test");
        Poll.until(() -> lookedUp.contains("stuck.test"));

        assertThat(resolver.resolve("dual.test").join()).hasSize(2);
        assertThat(stuck).isNotDone();

        release.countDown();
        assertThat(stuck.join()).extracting(InetAddress::getHostAddress).containsExactly("10.0.0.9");
    }

    @Test
    void afterShutdownLookupsFailAsClosedAndTheThreadsEnd() throws InterruptedException {
        resolver.resolve("dual.test").join();
        assertThat(dnsThreads()).isNotEmpty();

        resolver.shutdownNow();

        assertThat(resolver.awaitTermination(io.brook.core.internal.util.Deadline.after(io.brook.core.Time.SYSTEM, java.time.Duration.ofMillis(5_000)))).isTrue();
        assertThat(dnsThreads()).isEmpty();
        assertThat(causeOf(resolver.resolve("dual.test"))).isInstanceOf(NetworkClientClosedException.class);
    }

    private static CompletableFuture<List<InetAddress>> await(CompletableFuture<List<InetAddress>> f) {
        try {
            f.handle((v, e) -> null).get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        return f;
    }

    private static List<Thread> dnsThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("brook-" + CLIENT + "-dns-") && t.isAlive())
                .toList();
    }
}
