package io.brook.it.support;

import io.brook.protocol.ApiKey;
import io.brook.protocol.ApiMessage;
import io.brook.protocol.RequestHeader;
import io.brook.protocol.ResponseHeader;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * A deliberately plain, blocking connection to one broker for tests and tools that must see the raw bytes of a
 * response: it bypasses Brook's connection pool and version negotiation, sending exactly the version asked.
 *
 * <p>Not thread-safe: one caller at a time.
 */
public final class RawKafkaSocket implements AutoCloseable {
    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private int nextCorrelationId = 1;

    public RawKafkaSocket(String host, int port) throws IOException {
        socket = new Socket();
        socket.connect(new InetSocketAddress(host, port), 10_000);
        socket.setSoTimeout(30_000);
        in = new DataInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    /** Connects to the first address of a bootstrap list such as {@code 127.0.0.1:9092,127.0.0.1:9093}. */
    public static RawKafkaSocket connect(String bootstrapServers) throws IOException {
        String first = bootstrapServers.split(",")[0].trim();
        int colon = first.lastIndexOf(':');
        return new RawKafkaSocket(first.substring(0, colon), Integer.parseInt(first.substring(colon + 1)));
    }

    /**
     * Sends {@code request} at {@code version} and returns the response body's bytes, the response header
     * stripped (its correlation id checked).
     */
    public byte[] exchange(ApiMessage request, short version) throws IOException {
        ApiKey key = request.apiKey();
        int correlationId = nextCorrelationId++;
        RequestHeader header = new RequestHeader(key, version, correlationId, "brook-raw");
        short headerVersion = key.requestHeaderVersion(version);
        ByteBuf frame = Unpooled.buffer();
        try {
            frame.writeInt(header.size(headerVersion) + request.size(version));
            header.write(frame, headerVersion);
            request.write(frame, version);
            byte[] bytes = new byte[frame.readableBytes()];
            frame.readBytes(bytes);
            out.write(bytes);
            out.flush();
        } finally {
            frame.release();
        }
        int size = in.readInt();
        byte[] response = new byte[size];
        in.readFully(response);
        ByteBuf buf = Unpooled.wrappedBuffer(response);
        ResponseHeader responseHeader = ResponseHeader.read(buf, key.responseHeaderVersion(version));
        if (responseHeader.correlationId() != correlationId) {
            throw new IOException("correlation id " + responseHeader.correlationId() + ", expected " + correlationId);
        }
        byte[] body = new byte[buf.readableBytes()];
        buf.readBytes(body);
        return body;
    }

    /** Sends and decodes: {@link #exchange} then the generated reader. */
    @SuppressWarnings("unchecked")
    public <R extends ApiMessage> R send(ApiMessage request, short version) throws IOException {
        ByteBuf body = Unpooled.wrappedBuffer(exchange(request, version));
        return (R) request.apiKey().readResponse(body, version);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
