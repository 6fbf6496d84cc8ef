package io.brook.core.internal.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.brook.common.config.BootstrapAddress;
import io.brook.common.config.ClientDnsLookup;
import io.brook.common.errors.BrookException;
import io.brook.core.internal.network.Endpoint;
import io.brook.core.internal.network.HostResolver;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DnsBootstrapResolverTest {
    /** A fake DNS: names to addresses, addresses to canonical names. */
    private static final HostResolver DNS = new HostResolver() {
        private final Map<String, byte[][]> names = Map.of(
                "kafka.example", new byte[][] {{10, 0, 0, 1}, {10, 0, 0, 2}},
                "single.example", new byte[][] {{10, 0, 0, 3}});

        @Override
        public InetAddress[] resolve(String host) throws UnknownHostException {
            if (host.matches("[0-9.]+")) {
                return new InetAddress[] {InetAddress.getByName(host)};
            }
            byte[][] ips = names.get(host);
            if (ips == null) {
                throw new UnknownHostException(host);
            }
            InetAddress[] out = new InetAddress[ips.length];
            for (int i = 0; i < ips.length; i++) {
                out[i] = InetAddress.getByAddress(host, ips[i]);
            }
            return out;
        }

        @Override
        public String canonicalName(InetAddress address) {
            return "broker-" + (address.getAddress()[3] & 0xFF) + ".internal";
        }
    };

    private static List<Endpoint> resolve(ClientDnsLookup lookup, String... addresses) {
        List<BootstrapAddress> parsed = java.util.Arrays.stream(addresses).map(BootstrapAddress::parse).toList();
        return new DnsBootstrapResolver(parsed, lookup, DNS, Runnable::run).resolve().join();
    }

    @Test
    void useAllDnsIpsYieldsOneEndpointPerAddressWithDistinctPlaceholderIds() {
        assertThat(resolve(ClientDnsLookup.USE_ALL_DNS_IPS, "kafka.example:9092", "single.example:9093"))
                .containsExactly(new Endpoint(-1, "10.0.0.1", 9092), new Endpoint(-2, "10.0.0.2", 9092),
                        new Endpoint(-3, "10.0.0.3", 9093));
    }

    @Test
    void canonicalModeUsesTheCanonicalNamesOfTheAddresses() {
        assertThat(resolve(ClientDnsLookup.RESOLVE_CANONICAL_BOOTSTRAP_SERVERS_ONLY, "kafka.example:9092"))
                .containsExactly(new Endpoint(-1, "broker-1.internal", 9092),
                        new Endpoint(-2, "broker-2.internal", 9092));
    }

    @Test
    void unresolvableNamesAreSkippedAndNoneResolvingFails() {
        assertThat(resolve(ClientDnsLookup.USE_ALL_DNS_IPS, "nowhere.example:9092", "single.example:9092"))
                .containsExactly(new Endpoint(-1, "10.0.0.3", 9092));
        assertThatThrownBy(() -> resolve(ClientDnsLookup.USE_ALL_DNS_IPS, "nowhere.example:9092"))
                .hasCauseInstanceOf(BrookException.class).hasMessageContaining("nowhere.example:9092");
    }

    @Test
    void duplicateAddressesCollapse() {
        assertThat(resolve(ClientDnsLookup.USE_ALL_DNS_IPS, "single.example:9092", "10.0.0.3:9092"))
                .containsExactly(new Endpoint(-1, "10.0.0.3", 9092));
    }
}
