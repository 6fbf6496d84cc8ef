package io.brook.core.internal.network;

import io.brook.common.errors.UnsupportedVersionException;
import io.brook.protocol.ApiKey;
import java.util.Map;
import java.util.Objects;

/**
 * The one place that picks a request's wire version: the highest version that Brook (the API's generated
 * range), the broker (its ApiVersions answer), the caller (a range it needs for some capability) and the user
 * (a configured pin) all allow. If there is none, {@link #pick} throws {@link UnsupportedVersionException} naming
 * every range involved, so the message alone tells which side to upgrade or which pin to drop.
 *
 * <p>Immutable and thread-safe.
 */
public final class VersionNegotiator {
    private final Map<ApiKey, VersionRange> pins;

    /** @param pins per API, the versions the user allows; copied */
    public VersionNegotiator(Map<ApiKey, VersionRange> pins) {
        this.pins = Map.copyOf(Objects.requireNonNull(pins, "pins"));
    }

    /** Brook's own range of {@code api}. */
    public static VersionRange brookRange(ApiKey api) {
        return new VersionRange(api.lowestVersion(), api.highestVersion());
    }

    /** As {@link #pick(ApiKey, BrokerApiVersions, VersionRange, Endpoint)} with no caller restriction. */
    public short pick(ApiKey api, BrokerApiVersions broker, Endpoint endpoint) {
        return pick(api, broker, null, endpoint);
    }

    /**
     * @param caller the versions the caller can use, or null for any
     * @param endpoint the broker, named in the error
     * @return the highest version every party allows
     * @throws UnsupportedVersionException if no version is allowed by all
     */
    public short pick(ApiKey api, BrokerApiVersions broker, VersionRange caller, Endpoint endpoint) {
        VersionRange brook = brookRange(api);
        VersionRange brokerRange = broker.range(api).orElse(null);
        VersionRange pin = pins.get(api);
        int lo = brook.min();
        int hi = brook.max();
        if (brokerRange != null) {
            lo = Math.max(lo, brokerRange.min());
            hi = Math.min(hi, brokerRange.max());
        }
        if (caller != null) {
            lo = Math.max(lo, caller.min());
            hi = Math.min(hi, caller.max());
        }
        if (pin != null) {
            lo = Math.max(lo, pin.min());
            hi = Math.min(hi, pin.max());
        }
        if (brokerRange == null || lo > hi) {
            throw new UnsupportedVersionException(api.apiName() + " has no version usable with " + endpoint
                    + ": Brook supports " + brook
                    + ", the broker " + (brokerRange == null ? "does not support it" : "supports " + brokerRange)
                    + ", the caller requires " + (caller == null ? "any" : caller)
                    + ", the user pin is " + (pin == null ? "none" : pin));
        }
        return (short) hi;
    }

    /**
     * The ApiVersions version of a connection's first request, before anything is known of the broker: the
     * highest Brook has, within the user's pin of ApiVersions if there is one.
     */
    public short firstApiVersionsVersion() {
        VersionRange brook = brookRange(ApiKey.API_VERSIONS);
        VersionRange pin = pins.get(ApiKey.API_VERSIONS);
        return pin == null ? brook.max() : (short) Math.max(brook.min(), Math.min(brook.max(), pin.max()));
    }

    /**
     * The version to read a response body at. Every response is read at its request's version, with one exception
     * Kafka's protocol makes: a broker that does not support the ApiVersions version it was asked for answers
     * UNSUPPORTED_VERSION in ApiVersions v0 (and lists its own range), so such an answer is read at v0.
     *
     * @param errorCode the response's leading error code (every ApiVersions version starts with it)
     */
    public static short responseVersion(ApiKey api, short requestVersion, short errorCode) {
        if (api == ApiKey.API_VERSIONS && errorCode == io.brook.protocol.Errors.UNSUPPORTED_VERSION.code()) {
            return 0;
        }
        return requestVersion;
    }

    /** The user's pin of {@code api}, or null. */
    public VersionRange pin(ApiKey api) {
        return pins.get(api);
    }
}
