package io.brook.core.internal.network;

import io.brook.protocol.ApiKey;
import io.brook.protocol.ApiMessage;
import io.brook.protocol.RequestHeader;
import io.brook.protocol.ResponseHeader;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/** Builds and takes apart Kafka frames for tests, with Brook's codec. Stateless. */
final class TestFrames {
    private TestFrames() {}

    /** A request frame as a test decoded it; the body holds no buffers (tests send no records). */
    record DecodedRequest(int size, RequestHeader header, ApiMessage body) {}

    /** A size-prefixed response frame; the caller owns the buffer. */
    static ByteBuf response(int correlationId, ApiMessage body, short version, short headerVersion) {
        ResponseHeader header = new ResponseHeader(correlationId);
        int size = header.size(headerVersion) + body.size(version);
        ByteBuf out = Unpooled.buffer(4 + size);
        out.writeInt(size);
        header.write(out, headerVersion);
        body.write(out, version);
        return out;
    }

    /** A response frame with the header version the API and version call for. */
    static ByteBuf response(int correlationId, ApiMessage body, short version) {
        return response(correlationId, body, version, body.apiKey().responseHeaderVersion(version));
    }

    /** Decodes a size-prefixed request frame and releases it. */
    static DecodedRequest decodeRequest(ByteBuf frame) {
        try {
            int size = frame.readInt();
            ApiKey api = ApiKey.forId(frame.getShort(frame.readerIndex()));
            short version = frame.getShort(frame.readerIndex() + 2);
            RequestHeader header = RequestHeader.read(frame, api.requestHeaderVersion(version));
            ApiMessage body = api.readRequest(frame, version);
            if (frame.isReadable()) {
                throw new AssertionError(frame.readableBytes() + " bytes left after the request body");
            }
            return new DecodedRequest(size, header, body);
        } finally {
            frame.release();
        }
    }
}
