package io.brook.core.internal.event;

import io.brook.common.errors.TimeoutException;
import io.brook.common.event.BrokerAddress;
import io.brook.common.event.RequestEvent;
import io.brook.common.event.RequestQueueSizeEvent;
import io.brook.common.event.RequestTimeoutEvent;
import io.brook.core.Time;
import io.brook.core.internal.network.Endpoint;
import io.brook.core.internal.network.RequestBuilder;
import io.brook.core.internal.network.RequestSender;
import io.brook.core.internal.util.Futures;
import io.brook.protocol.ApiMessage;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link RequestSender} that reports its owner's requests as events: {@link RequestEvent} when one is sent,
 * {@link RequestTimeoutEvent} when one times out, and {@link RequestQueueSizeEvent} whenever the number of requests
 * outstanding to a broker changes. It sits between an owner (a producer's sender, a consumer's fetcher) and its
 * view of the network client, so events come from every client without touching the network layer; connection
 * events ({@code ConnectEvent}, {@code DisconnectEvent}) need the network layer itself and are emitted there.
 *
 * <p>With a disabled sink it is not used at all ({@link #wrap} returns the delegate). Thread-safe: the outstanding
 * counts are concurrent.
 */
public final class EventingRequestSender implements RequestSender {
    private final RequestSender delegate;
    private final EventSink events;
    private final String clientId;
    private final Time time;
    private final long defaultTimeoutMs;
    private final Map<Endpoint, AtomicInteger> outstanding = new ConcurrentHashMap<>();

    private EventingRequestSender(RequestSender delegate, EventSink events, String clientId, Time time,
            long defaultTimeoutMs) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.events = Objects.requireNonNull(events, "events");
        this.clientId = Objects.requireNonNull(clientId, "clientId");
        this.time = Objects.requireNonNull(time, "time");
        this.defaultTimeoutMs = defaultTimeoutMs;
    }

    /**
     * {@code delegate} reporting to {@code events}, or {@code delegate} itself when nobody listens.
     *
     * @param defaultTimeoutMs the delegate's timeout for sends without one ({@code request.timeout.ms}), reported
     *     in timeout events
     */
    public static RequestSender wrap(RequestSender delegate, EventSink events, String clientId, Time time,
            long defaultTimeoutMs) {
        return events.enabled() ? new EventingRequestSender(delegate, events, clientId, time, defaultTimeoutMs)
                : delegate;
    }

    @Override
    public <R extends ApiMessage> CompletableFuture<R> send(Endpoint endpoint, RequestBuilder request) {
        return observe(endpoint, request, delegate.send(endpoint, request), defaultTimeoutMs);
    }

    @Override
    public <R extends ApiMessage> CompletableFuture<R> send(Endpoint endpoint, RequestBuilder request,
            long timeoutMs) {
        return observe(endpoint, request, delegate.send(endpoint, request, timeoutMs), timeoutMs);
    }

    private <R extends ApiMessage> CompletableFuture<R> observe(Endpoint endpoint, RequestBuilder request,
            CompletableFuture<R> result, long timeoutMs) {
        BrokerAddress broker = new BrokerAddress(endpoint.nodeId(), endpoint.host(), endpoint.port());
        String api = request.apiKey().apiName();
        events.emit(new RequestEvent(clientId, time.milliseconds(), broker, api));
        AtomicInteger count = outstanding.computeIfAbsent(endpoint, e -> new AtomicInteger());
        events.emit(new RequestQueueSizeEvent(clientId, time.milliseconds(), broker, count.incrementAndGet()));
        result.whenComplete((response, error) -> {
            events.emit(new RequestQueueSizeEvent(clientId, time.milliseconds(), broker, count.decrementAndGet()));
            if (error != null && Futures.unwrap(error) instanceof TimeoutException) {
                events.emit(new RequestTimeoutEvent(clientId, time.milliseconds(), broker, api, timeoutMs));
            }
        });
        return result;
    }
}
