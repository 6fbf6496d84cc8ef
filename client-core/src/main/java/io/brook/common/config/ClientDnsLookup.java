package io.brook.common.config;

/** How client names are resolved ({@code client.dns.lookup}). */
public enum ClientDnsLookup {
    /**
     * Every IP address a name resolves to is a candidate: connections try them in turn until one succeeds. Applies
     * to bootstrap and broker names alike.
     */
    USE_ALL_DNS_IPS("use_all_dns_ips"),
    /**
     * Each bootstrap name is resolved to its addresses, each address back to its canonical host name, and those
     * names are used as the bootstrap list (for setups where a DNS alias fronts the cluster). Broker names are
     * then resolved as with {@link #USE_ALL_DNS_IPS}.
     */
    RESOLVE_CANONICAL_BOOTSTRAP_SERVERS_ONLY("resolve_canonical_bootstrap_servers_only");

    private final String configValue;

    ClientDnsLookup(String configValue) {
        this.configValue = configValue;
    }

    /** The configuration spelling. */
    @Override
    public String toString() {
        return configValue;
    }
}
