package dev.aigateway.core.cache;

import dev.aigateway.core.EventStream;
import dev.aigateway.core.stream.ChunkSink;
import dev.aigateway.core.stream.SseEvent;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/** A cached stream, written again event by event, closed by the format's end marker. */
final class ReplayedStream implements EventStream {
    private final List<SseEvent> events;
    private final Optional<SseEvent> endMarker;

    ReplayedStream(List<SseEvent> events, Optional<SseEvent> endMarker) {
        this.events = events;
        this.endMarker = endMarker;
    }

    @Override
    public void writeTo(ChunkSink sink) throws IOException {
        for (SseEvent event : events) {
            sink.event(event.event(), event.data());
        }
        if (endMarker.isPresent()) {
            sink.endMarker(endMarker.get());
        }
        sink.finish(true);
    }

    @Override
    public void cancel() {}
}
