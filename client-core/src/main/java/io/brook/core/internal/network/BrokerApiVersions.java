package io.brook.core.internal.network;

import io.brook.protocol.ApiKey;
import io.brook.protocol.message.ApiVersionsResponse;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The APIs and version ranges one broker advertised in its ApiVersions response: what higher layers ask when a
 * feature exists only in some versions ({@code supports(ApiKey.PRODUCE, (short) 9)}), instead of comparing
 * version numbers themselves. APIs the broker lists that Brook does not know are dropped.
 *
 * <p>Immutable.
 */
public final class BrokerApiVersions {
    private final Map<ApiKey, VersionRange> ranges;
    /** Finalized feature name to its maximum level (ApiVersions v3+, tagged field 2). */
    private final Map<String, Short> finalizedFeatures;

    private BrokerApiVersions(Map<ApiKey, VersionRange> ranges, Map<String, Short> finalizedFeatures) {
        EnumMap<ApiKey, VersionRange> copy = new EnumMap<>(ApiKey.class);
        copy.putAll(ranges);
        this.ranges = Collections.unmodifiableMap(copy);
        this.finalizedFeatures = Map.copyOf(finalizedFeatures);
    }

    /** The broker's ranges as given, without finalized features; for tests and fakes. */
    public static BrokerApiVersions of(Map<ApiKey, VersionRange> ranges) {
        return new BrokerApiVersions(ranges, Map.of());
    }

    /** The broker's ranges and finalized feature levels as given; for tests and fakes. */
    public static BrokerApiVersions of(Map<ApiKey, VersionRange> ranges, Map<String, Short> finalizedFeatures) {
        return new BrokerApiVersions(ranges, finalizedFeatures);
    }

    /** The ranges in a successful ApiVersions response. */
    public static BrokerApiVersions from(ApiVersionsResponse response) {
        EnumMap<ApiKey, VersionRange> ranges = new EnumMap<>(ApiKey.class);
        for (ApiVersionsResponse.ApiVersion v : response.apiKeys()) {
            ApiKey api = ApiKey.forId(v.apiKey());
            // A range the broker cannot mean (min above max) is treated as "not supported" rather than trusted.
            if (api != null && v.minVersion() >= 0 && v.maxVersion() >= v.minVersion()) {
                ranges.put(api, new VersionRange(v.minVersion(), v.maxVersion()));
            }
        }
        java.util.HashMap<String, Short> features = new java.util.HashMap<>();
        if (response.finalizedFeatures() != null) {
            for (ApiVersionsResponse.FinalizedFeatureKey f : response.finalizedFeatures()) {
                if (f.name() != null && f.maxVersionLevel() >= 0) {
                    features.put(f.name(), f.maxVersionLevel());
                }
            }
        }
        return new BrokerApiVersions(ranges, features);
    }

    /**
     * The level at which the cluster finalized feature {@code name} ({@code transaction.version},
     * {@code metadata.version}, ...), as this broker reported it; empty when the broker reported none for it (a
     * broker older than ApiVersions v3, or a feature at level 0).
     */
    public java.util.OptionalInt finalizedFeatureLevel(String name) {
        Short level = finalizedFeatures.get(name);
        return level == null ? java.util.OptionalInt.empty() : java.util.OptionalInt.of(level);
    }

    /** The versions of {@code api} the broker supports; empty if it does not support the API at all. */
    public Optional<VersionRange> range(ApiKey api) {
        return Optional.ofNullable(ranges.get(api));
    }

    /** Whether the broker supports {@code api} in some version. */
    public boolean supports(ApiKey api) {
        return ranges.containsKey(api);
    }

    /** Whether the broker supports {@code api} at {@code version}. */
    public boolean supports(ApiKey api, short version) {
        VersionRange r = ranges.get(api);
        return r != null && r.contains(version);
    }

    /** Whether the broker and Brook have at least one version of {@code api} in common. */
    public boolean usable(ApiKey api) {
        VersionRange r = ranges.get(api);
        return r != null && r.max() >= api.lowestVersion() && r.min() <= api.highestVersion();
    }

    /** The APIs the broker supports (and Brook knows). */
    public Set<ApiKey> apis() {
        return ranges.keySet();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BrokerApiVersions other && ranges.equals(other.ranges)
                && finalizedFeatures.equals(other.finalizedFeatures);
    }

    @Override
    public int hashCode() {
        return ranges.hashCode() * 31 + finalizedFeatures.hashCode();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("BrokerApiVersions(");
        ranges.forEach((api, r) -> sb.append(api.apiName()).append(' ').append(r).append(", "));
        if (!ranges.isEmpty()) {
            sb.setLength(sb.length() - 2);
        }
        return sb.append(')').toString();
    }
}
