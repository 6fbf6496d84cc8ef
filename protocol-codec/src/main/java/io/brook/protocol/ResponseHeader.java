package io.brook.protocol;

import io.brook.protocol.wire.MalformedMessageException;
import io.brook.protocol.wire.RawTaggedField;
import io.brook.protocol.wire.WireFormat;
import io.netty.buffer.ByteBuf;
import java.util.List;

/**
 * The header in front of every response body. Header v0: correlation id; v1 (flexible responses, except
 * ApiVersions, see {@link ApiKey#responseHeaderVersion}) adds tagged fields. Immutable.
 *
 * @param correlationId the correlation id of the request this answers
 * @param unknownTaggedFields tagged fields (v1) this version of Brook does not know; sorted by tag, never null
 */
public record ResponseHeader(int correlationId, List<RawTaggedField> unknownTaggedFields) {
    public static final short LOWEST_VERSION = 0;
    public static final short HIGHEST_VERSION = 1;

    public ResponseHeader {
        unknownTaggedFields = CodecSupport.copyTaggedFields(unknownTaggedFields);
    }

    public ResponseHeader(int correlationId) {
        this(correlationId, List.of());
    }

    /**
     * The correlation id at the reader index, without moving it: a client reads it first to find the request
     * (and so the API and version) the response answers.
     */
    public static int peekCorrelationId(ByteBuf in) {
        if (in.readableBytes() < 4) {
            throw new MalformedMessageException("response header needs 4 bytes, " + in.readableBytes() + " left");
        }
        return in.getInt(in.readerIndex());
    }

    public void write(ByteBuf out, short headerVersion) {
        checkVersion(headerVersion);
        out.writeInt(correlationId);
        if (headerVersion >= 1) {
            WireFormat.writeUnsignedVarint(out, unknownTaggedFields.size());
            WireFormat.writeRawTaggedFields(out, unknownTaggedFields);
        }
    }

    public int size(short headerVersion) {
        checkVersion(headerVersion);
        return headerVersion >= 1
                ? 4 + WireFormat.sizeOfUnsignedVarint(unknownTaggedFields.size())
                        + WireFormat.sizeOfRawTaggedFields(unknownTaggedFields)
                : 4;
    }

    public static ResponseHeader read(ByteBuf in, short headerVersion) {
        checkVersion(headerVersion);
        int correlationId = WireFormat.readInt(in);
        List<RawTaggedField> tagged = headerVersion >= 1 ? RequestHeader.readTaggedFields(in) : List.of();
        return new ResponseHeader(correlationId, tagged);
    }

    private static void checkVersion(short headerVersion) {
        if (headerVersion < LOWEST_VERSION || headerVersion > HIGHEST_VERSION) {
            throw CodecSupport.unsupportedVersion("ResponseHeader", headerVersion, LOWEST_VERSION, HIGHEST_VERSION);
        }
    }
}
