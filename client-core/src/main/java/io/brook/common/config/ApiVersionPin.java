package io.brook.common.config;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A user's restriction of the versions Brook may use for one Kafka API, from {@code brook.api.version.pins}.
 * The version negotiator intersects it with what Brook and the broker support; an empty intersection fails the
 * request with {@code UnsupportedVersionException} naming the pin.
 *
 * <p>Written {@code Api=max} (versions up to {@code max}) or {@code Api=min-max}, where {@code Api} is the API's
 * Kafka name ({@code Metadata}, {@code Produce}, {@code ApiVersions}), compared case-insensitively. Whether the
 * name denotes a known API is checked where the protocol's API list is at hand.
 *
 * <p>Immutable.
 *
 * @param api the API name as written; never blank
 * @param minVersion the lowest version allowed, {@code >= 0}
 * @param maxVersion the highest version allowed, {@code >= minVersion}
 */
public record ApiVersionPin(String api, short minVersion, short maxVersion) {
    public ApiVersionPin {
        if (api == null || api.isBlank()) {
            throw new IllegalArgumentException("API name must not be blank");
        }
        if (minVersion < 0 || maxVersion < minVersion) {
            throw new IllegalArgumentException("bad version range " + minVersion + "-" + maxVersion + " for " + api);
        }
    }

    /** Whether this pin is for {@code apiName} (case-insensitive). */
    public boolean appliesTo(String apiName) {
        return api.equalsIgnoreCase(apiName);
    }

    /**
     * Parses one {@code Api=max} or {@code Api=min-max} entry.
     *
     * @throws IllegalArgumentException naming the entry if malformed
     */
    public static ApiVersionPin parse(String entry) {
        int eq = entry == null ? -1 : entry.indexOf('=');
        if (eq <= 0) {
            throw new IllegalArgumentException("'" + entry + "' is not of the form Api=max or Api=min-max");
        }
        String api = entry.substring(0, eq).trim();
        String range = entry.substring(eq + 1).trim();
        if (!api.matches("[A-Za-z][A-Za-z0-9]*")) {
            throw new IllegalArgumentException("'" + api + "' in '" + entry + "' is not an API name");
        }
        int dash = range.indexOf('-');
        try {
            short min = dash < 0 ? 0 : Short.parseShort(range.substring(0, dash).trim());
            short max = Short.parseShort((dash < 0 ? range : range.substring(dash + 1)).trim());
            if (min < 0 || max < min) {
                throw new IllegalArgumentException("'" + entry + "' has an empty version range");
            }
            return new ApiVersionPin(api, min, max);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + entry + "' has a non-numeric version");
        }
    }

    /**
     * Parses every entry, rejecting a second pin for the same API.
     *
     * @throws IllegalArgumentException naming the first bad entry
     */
    public static List<ApiVersionPin> parseAll(List<String> entries) {
        List<ApiVersionPin> pins = new ArrayList<>(entries.size());
        Set<String> seen = new HashSet<>();
        for (String entry : entries) {
            ApiVersionPin pin = parse(entry);
            if (!seen.add(pin.api().toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("API " + pin.api() + " is pinned twice");
            }
            pins.add(pin);
        }
        return List.copyOf(pins);
    }

    @Override
    public String toString() {
        return api + "=" + (minVersion == 0 ? "" : minVersion + "-") + maxVersion;
    }
}
