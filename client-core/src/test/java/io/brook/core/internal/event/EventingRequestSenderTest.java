package io.brook.core.internal.event;

import static org.assertj.core.api.Assertions.assertThat;

import io.brook.common.errors.TimeoutException;
import io.brook.common.event.ClientEvent;
import io.brook.common.event.RequestEvent;
import io.brook.common.event.RequestQueueSizeEvent;
import io.brook.common.event.RequestTimeoutEvent;
import io.brook.core.ManualTime;
import io.brook.core.internal.network.Endpoint;
import io.brook.core.internal.network.RequestSender;
import io.brook.core.internal.network.ScriptedRequestSender;
import io.brook.protocol.message.MetadataRequest;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventingRequestSenderTest {
    private static final Endpoint BROKER = new Endpoint(3, "b3", 9092);

    @Test
    void reportsSentRequestsQueueSizesAndTimeouts() {
        RecordingEventSink sink = new RecordingEventSink();
        List<ClientEvent> events = sink.events();
        ScriptedRequestSender scripted = new ScriptedRequestSender();
        RequestSender sender = EventingRequestSender.wrap(scripted, sink, "c", new ManualTime(), 1234);
        MetadataRequest body = MetadataRequest.builder().topics(List.of()).build();
        sender.send(BROKER, body);
        sender.send(BROKER, body);
        scripted.fail(new TimeoutException("no answer"));
        assertThat(events).filteredOn(e -> e instanceof RequestEvent).hasSize(2)
                .allSatisfy(e -> assertThat(((RequestEvent) e).api()).isEqualTo("Metadata"));
        assertThat(events).filteredOn(e -> e instanceof RequestQueueSizeEvent)
                .extracting(e -> ((RequestQueueSizeEvent) e).queueSize()).containsExactly(1, 2, 1);
        RequestTimeoutEvent timeout = (RequestTimeoutEvent) events.stream()
                .filter(e -> e instanceof RequestTimeoutEvent).findFirst().orElseThrow();
        assertThat(timeout.timeoutMs()).isEqualTo(1234);
        assertThat(timeout.broker().toString()).isEqualTo("b3:9092 (id: 3)");
        assertThat(events).allMatch(e -> e.clientId().equals("c"));
    }

    @Test
    void withoutListenerTheSenderIsNotWrapped() {
        ScriptedRequestSender scripted = new ScriptedRequestSender();
        assertThat(EventingRequestSender.wrap(scripted, EventSink.NONE, "c", new ManualTime(), 1))
                .isSameAs(scripted);
    }
}
