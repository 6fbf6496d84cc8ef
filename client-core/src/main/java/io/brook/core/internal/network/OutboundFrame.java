package io.brook.core.internal.network;

import io.brook.protocol.ApiMessage;
import io.brook.protocol.RequestHeader;
import java.util.Objects;

/**
 * A request ready for the wire: header and body at a fixed version. Produced by {@link InFlightRequests}, written
 * by {@link RequestEncoder}. Immutable.
 *
 * @param header the request header (API key, version, correlation id, client id)
 * @param headerVersion the request header version the API and version call for
 * @param body the request body
 * @param version the body's wire version
 */
record OutboundFrame(RequestHeader header, short headerVersion, ApiMessage body, short version) {
    OutboundFrame {
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(body, "body");
    }
}
