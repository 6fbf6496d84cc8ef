package io.brook.it.golden;

import io.brook.protocol.ApiKey;
import io.brook.protocol.RequestHeader;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * Keeps, for each (API, version), the first request body (size prefix and request header stripped) sent by a
 * client whose client id {@code recordClient} accepts, out of the request frames {@link RecordingProxy} relays. A
 * request of an API Brook does not know, or of a version outside Brook's range, is not kept but listed
 * ({@link #notKept()}), so the capture can say what it could not pin.
 *
 * <p>Thread-safe (concurrent maps): every relay thread of every proxy records into it.
 */
final class RequestRecorder {

    /** One kept request. */
    record CapturedRequest(ApiKey key, short version, String clientId, byte[] body) {
    }

    private final Predicate<String> recordClient;
    private final Map<String, CapturedRequest> first = new ConcurrentHashMap<>();
    private final Set<String> notKept = ConcurrentHashMap.newKeySet();

    RequestRecorder(Predicate<String> recordClient) {
        this.recordClient = recordClient;
    }

    /** Parses the request header of {@code frame} (no size prefix) and keeps the body if it is the first of its kind. */
    void record(byte[] frame) {
        ByteBuf buf = Unpooled.wrappedBuffer(frame);
        RequestHeader header;
        try {
            header = RequestHeader.read(buf);
        } catch (RuntimeException e) {
            notKept.add("unreadable request header (" + e.getMessage() + ")");
            return;
        }
        if (!recordClient.test(header.clientId())) {
            return;
        }
        ApiKey key = ApiKey.forId(header.apiKey());
        short version = header.apiVersion();
        if (key == null) {
            notKept.add("key " + header.apiKey() + " v" + version);
            return;
        }
        if (version < key.lowestVersion() || version > key.highestVersion()) {
            notKept.add(key.apiName() + " v" + version);
            return;
        }
        byte[] body = new byte[buf.readableBytes()];
        buf.readBytes(body);
        first.putIfAbsent(key.apiName() + " v" + version, new CapturedRequest(key, version, header.clientId(), body));
    }

    /** The kept requests, ordered by API key id then version. */
    List<CapturedRequest> captured() {
        List<CapturedRequest> all = new ArrayList<>(first.values());
        all.sort(Comparator.comparingInt((CapturedRequest c) -> c.key().id()).thenComparingInt(c -> c.version()));
        return all;
    }

    /** Requests of recorded clients that were not kept, as {@code "key 75 v0"} or {@code "Fetch v19"}. */
    Set<String> notKept() {
        return new TreeSet<>(notKept);
    }
}
