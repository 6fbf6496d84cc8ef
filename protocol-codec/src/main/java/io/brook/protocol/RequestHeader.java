package io.brook.protocol;

import io.brook.protocol.wire.MalformedMessageException;
import io.brook.protocol.wire.RawTaggedField;
import io.brook.protocol.wire.WireFormat;
import io.netty.buffer.ByteBuf;
import java.util.List;

/**
 * The header in front of every request body. Header v0: api key, api version, correlation id; v1 adds the client
 * id; v2 (flexible requests) adds tagged fields. The client id keeps the classic int16-length encoding even in v2,
 * so that any broker can read the header of a request version it does not know. Immutable.
 *
 * @param apiKey the API key id
 * @param apiVersion the version of the body that follows
 * @param correlationId echoed by the response, to match it to this request
 * @param clientId the client id, or null (v1+; v0 drops it)
 * @param unknownTaggedFields tagged fields (v2) this version of Brook does not know; sorted by tag, never null
 */
public record RequestHeader(short apiKey, short apiVersion, int correlationId, String clientId,
                            List<RawTaggedField> unknownTaggedFields) {
    public static final short LOWEST_VERSION = 0;
    public static final short HIGHEST_VERSION = 2;

    public RequestHeader {
        unknownTaggedFields = CodecSupport.copyTaggedFields(unknownTaggedFields);
    }

    public RequestHeader(short apiKey, short apiVersion, int correlationId, String clientId) {
        this(apiKey, apiVersion, correlationId, clientId, List.of());
    }

    /** A header for a request of {@code key} at {@code apiVersion}. */
    public RequestHeader(ApiKey key, short apiVersion, int correlationId, String clientId) {
        this(key.id(), apiVersion, correlationId, clientId, List.of());
    }

    /**
     * The header version this header's request uses ({@link ApiKey#requestHeaderVersion}); 1 for an API key
     * Brook does not know.
     */
    public short headerVersion() {
        ApiKey key = ApiKey.forId(apiKey);
        return key == null ? 1 : key.requestHeaderVersion(apiVersion);
    }

    public void write(ByteBuf out, short headerVersion) {
        checkVersion(headerVersion);
        out.writeShort(apiKey);
        out.writeShort(apiVersion);
        out.writeInt(correlationId);
        if (headerVersion >= 1) {
            WireFormat.writeString(out, clientId, false);
        }
        if (headerVersion >= 2) {
            WireFormat.writeUnsignedVarint(out, unknownTaggedFields.size());
            WireFormat.writeRawTaggedFields(out, unknownTaggedFields);
        }
    }

    public int size(short headerVersion) {
        checkVersion(headerVersion);
        int size = 8;
        if (headerVersion >= 1) {
            size += WireFormat.sizeOfString(clientId, false);
        }
        if (headerVersion >= 2) {
            size += WireFormat.sizeOfUnsignedVarint(unknownTaggedFields.size())
                    + WireFormat.sizeOfRawTaggedFields(unknownTaggedFields);
        }
        return size;
    }

    public static RequestHeader read(ByteBuf in, short headerVersion) {
        checkVersion(headerVersion);
        short apiKey = WireFormat.readShort(in);
        short apiVersion = WireFormat.readShort(in);
        int correlationId = WireFormat.readInt(in);
        String clientId = headerVersion >= 1 ? WireFormat.readString(in, false) : null;
        List<RawTaggedField> tagged = headerVersion >= 2 ? readTaggedFields(in) : List.of();
        return new RequestHeader(apiKey, apiVersion, correlationId, clientId, tagged);
    }

    /**
     * Reads a header whose version follows from the api key and version it starts with (what a broker does);
     * an unknown API key is read as header v1.
     */
    public static RequestHeader read(ByteBuf in) {
        if (in.readableBytes() < 4) {
            throw new MalformedMessageException("request header needs 4 bytes to name its API, "
                    + in.readableBytes() + " left");
        }
        short apiKey = in.getShort(in.readerIndex());
        short apiVersion = in.getShort(in.readerIndex() + 2);
        ApiKey key = ApiKey.forId(apiKey);
        return read(in, key == null ? 1 : key.requestHeaderVersion(apiVersion));
    }

    static List<RawTaggedField> readTaggedFields(ByteBuf in) {
        int count = WireFormat.readUnsignedVarint(in);
        List<RawTaggedField> fields = null;
        for (int i = 0; i < count; i++) {
            int tag = WireFormat.readUnsignedVarint(in);
            int size = WireFormat.readUnsignedVarint(in);
            fields = WireFormat.addUnknown(fields, WireFormat.readRawTaggedField(in, tag, size));
        }
        return CodecSupport.ownTaggedFields(fields);
    }

    private static void checkVersion(short headerVersion) {
        if (headerVersion < LOWEST_VERSION || headerVersion > HIGHEST_VERSION) {
            throw CodecSupport.unsupportedVersion("RequestHeader", headerVersion, LOWEST_VERSION, HIGHEST_VERSION);
        }
    }
}
