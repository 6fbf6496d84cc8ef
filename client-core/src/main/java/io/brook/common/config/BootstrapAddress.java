package io.brook.common.config;

/**
 * One {@code host:port} entry of {@code bootstrap.servers}, unresolved. IPv6 literals are written in brackets
 * ({@code [::1]:9092}); a bare IPv6 literal is also accepted, its last colon separating the port.
 *
 * <p>Immutable.
 *
 * @param host a host name or IP literal (without brackets); never blank
 * @param port {@code 0..65535}
 */
public record BootstrapAddress(String host, int port) {
    public BootstrapAddress {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("host must not be blank");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range in '" + host + ":" + port + "'");
        }
    }

    /**
     * Parses {@code host:port}.
     *
     * @throws IllegalArgumentException naming the entry if it lacks a host or a numeric port in range
     */
    public static BootstrapAddress parse(String entry) {
        if (entry == null) {
            throw new IllegalArgumentException("null address");
        }
        String s = entry.trim();
        int colon = s.lastIndexOf(':');
        if (colon <= 0 || colon == s.length() - 1) {
            throw new IllegalArgumentException("'" + entry + "' is not of the form host:port");
        }
        String host = s.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(s.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + entry + "' has a non-numeric port");
        }
        if (host.isBlank() || port < 0 || port > 65535) {
            throw new IllegalArgumentException("'" + entry + "' is not of the form host:port with port 0-65535");
        }
        return new BootstrapAddress(host, port);
    }

    @Override
    public String toString() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
