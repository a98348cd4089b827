package dev.aigateway.core.stream;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;

/**
 * A sink that passes every call on to another; {@link EventFilter}s extend it and override what
 * they change.
 */
public class ForwardingChunkSink implements ChunkSink {
    protected final ChunkSink next;

    public ForwardingChunkSink(ChunkSink next) {
        this.next = next;
    }

    @Override
    public void event(String name, String data) throws IOException {
        next.event(name, data);
    }

    @Override
    public void error(String name, JsonNode body) throws IOException {
        next.error(name, body);
    }

    @Override
    public void endMarker(SseEvent marker) throws IOException {
        next.endMarker(marker);
    }

    @Override
    public void finish(boolean complete) throws IOException {
        next.finish(complete);
    }
}
