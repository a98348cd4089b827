package dev.aigateway.core.cache;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aigateway.core.stream.ChunkSink;
import dev.aigateway.core.stream.ForwardingChunkSink;
import dev.aigateway.core.stream.SseEvent;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Passes a stream on to the caller untouched while keeping a copy of its events, and hands the
 * copy over only when the stream completed: no error event, the upstream answer whole, and the
 * caller still there. A stream larger than the entry limit is passed on and not kept.
 */
final class RecordingSink extends ForwardingChunkSink {
    private final long maxBytes;
    private final Consumer<List<SseEvent>> completed;
    private List<SseEvent> events = new ArrayList<>();
    private long bytes;
    private boolean failed;

    RecordingSink(ChunkSink next, long maxBytes, Consumer<List<SseEvent>> completed) {
        super(next);
        this.maxBytes = maxBytes;
        this.completed = completed;
    }

    @Override
    public void event(String name, String data) throws IOException {
        if (events != null) {
            bytes += data.length() + (name == null ? 0 : name.length()) + 16L;
            if (bytes > maxBytes) {
                events = null; // too large to keep: stop holding it
            } else {
                events.add(new SseEvent(name, data));
            }
        }
        super.event(name, data);
    }

    @Override
    public void error(String name, JsonNode body) throws IOException {
        failed = true;
        super.error(name, body);
    }

    @Override
    public void finish(boolean complete) throws IOException {
        super.finish(complete);
        // Stored only once the caller has the whole stream: a caller gone midway throws above.
        if (complete && !failed && events != null && !events.isEmpty()) {
            completed.accept(List.copyOf(events));
        }
        events = null;
    }
}
