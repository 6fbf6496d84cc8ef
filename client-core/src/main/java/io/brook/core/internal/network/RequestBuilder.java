package io.brook.core.internal.network;

import io.brook.protocol.ApiKey;
import io.brook.protocol.ApiMessage;
import java.util.Objects;

/**
 * A request as its caller hands it to the network layer: the API, the versions the caller can build and read,
 * and how to build the body once the {@link VersionNegotiator} has chosen the version that will be sent. Callers
 * never compare version numbers themselves: a feature only some versions carry is asked for by name
 * ({@link Capability#versions()} narrows the range, {@link Capability#at(short)} tells the builder whether the
 * chosen version has it).
 *
 * <p>{@link #build(short)} runs once per send, on the I/O thread of the connection, right before encoding: it must
 * be quick, must not block and must not keep state between calls. A builder that throws fails the request with a
 * non-retriable {@link RequestEncodingException}; the connection stays up.
 *
 * <p>Ownership: the body a builder returns belongs to the network layer. A body holding records (a Produce
 * request) holds its own references to them (generated {@code build()} retains each records buffer), and the network
 * layer releases it once it is encoded into the frame (which keeps references of its own until the socket has
 * written it) or once it can no longer be sent. The caller keeps, and eventually releases, its own references.
 *
 * <p>Implementations are immutable.
 */
public interface RequestBuilder {
    /** The API of the request. */
    ApiKey apiKey();

    /** The versions this caller can build and whose responses it can read; null for every version Brook has. */
    default VersionRange versions() {
        return null;
    }

    /**
     * The body at {@code version}, a version inside {@link #versions()} that the broker supports.
     *
     * @param version the negotiated wire version
     */
    ApiMessage build(short version);

    /** The versions this request may go out at: {@link #versions()}, or all of Brook's when that is null. */
    default VersionRange allowedVersions() {
        VersionRange own = versions();
        return own != null ? own : VersionNegotiator.brookRange(apiKey());
    }

    /**
     * This request, restricted to the versions that carry {@code capability}.
     *
     * @throws IllegalArgumentException if the capability belongs to another API or no allowed version has it
     */
    default RequestBuilder requiring(Capability capability) {
        if (capability.api() != apiKey()) {
            throw new IllegalArgumentException(capability + " is a capability of " + capability.api().apiName()
                    + ", not of " + apiKey().apiName());
        }
        VersionRange mine = allowedVersions();
        VersionRange needed = capability.versions();
        int lo = Math.max(mine.min(), needed.min());
        int hi = Math.min(mine.max(), needed.max());
        if (lo > hi) {
            throw new IllegalArgumentException(apiKey().apiName() + " versions " + mine + " lack " + capability);
        }
        VersionRange narrowed = VersionRange.of(lo, hi);
        RequestBuilder self = this;
        return new Built(apiKey(), narrowed, self::build);
    }

    /** Builds a body at the chosen version. */
    @FunctionalInterface
    interface BodyAtVersion {
        ApiMessage build(short version);
    }

    /**
     * A fixed body, valid at every version of its API (it sets only fields every version carries, or ignorable
     * ones, which older versions drop).
     *
     * @throws IllegalArgumentException for a body that holds records: the network layer owns (and releases) each
     *     body it sends, so such a body must be built anew per send, with {@link #of(ApiKey, BodyAtVersion)}
     */
    static RequestBuilder of(ApiMessage body) {
        return new Fixed(requireNoRecords(body), null);
    }

    /** A fixed body restricted to {@code versions}, for a body whose fields only those versions carry. */
    static RequestBuilder of(ApiMessage body, VersionRange versions) {
        return new Fixed(requireNoRecords(body), Objects.requireNonNull(versions, "versions"));
    }

    private static ApiMessage requireNoRecords(ApiMessage body) {
        Objects.requireNonNull(body, "body");
        if (body instanceof io.brook.protocol.Releasable) {
            throw new IllegalArgumentException(body.apiKey().apiName() + " holds records: build it per send");
        }
        return body;
    }

    /** A body built for the chosen version, any version Brook has. */
    static RequestBuilder of(ApiKey api, BodyAtVersion build) {
        return new Built(api, null, build);
    }

    /** A body built for the chosen version, within {@code versions}. */
    static RequestBuilder of(ApiKey api, VersionRange versions, BodyAtVersion build) {
        return new Built(api, Objects.requireNonNull(versions, "versions"), build);
    }

    /** A request whose body does not depend on the version. */
    record Fixed(ApiMessage body, VersionRange versions) implements RequestBuilder {
        @Override
        public ApiKey apiKey() {
            return body.apiKey();
        }

        @Override
        public ApiMessage build(short version) {
            return body;
        }
    }

    /** A request whose body is built per version. */
    record Built(ApiKey apiKey, VersionRange versions, BodyAtVersion body) implements RequestBuilder {
        public Built {
            Objects.requireNonNull(apiKey, "apiKey");
            Objects.requireNonNull(body, "body");
        }

        @Override
        public ApiMessage build(short version) {
            ApiMessage built = body.build(version);
            if (built == null || built.apiKey() != apiKey) {
                throw new IllegalStateException("builder of " + apiKey.apiName() + " built "
                        + (built == null ? "null" : built.apiKey().apiName()));
            }
            return built;
        }
    }
}
