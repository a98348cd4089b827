package dev.aigateway.core.stream;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aigateway.core.internal.Json;
import java.io.IOException;

/**
 * Where a stream's events go, one whole event per call, each flushed to the client at once. A
 * stream writes its events, then the end marker of its format, if it has one, then
 * {@link #finish(boolean)}. Wrappers ({@link EventFilter}) see the same calls and may forward,
 * change, drop or hold any of them.
 */
public interface ChunkSink {
    /** Writes {@code event: <name>} (when non-null) and {@code data: <data>}, then a blank line. */
    void event(String name, String data) throws IOException;

    /** Writes a {@code data:} event. */
    default void data(String data) throws IOException {
        event(null, data);
    }

    /** Writes a {@code data:} event holding compact JSON. */
    default void data(JsonNode json) throws IOException {
        event(null, Json.text(json));
    }

    /** Writes an event that reports the answer failed; the stream ends after it. */
    default void error(String name, JsonNode body) throws IOException {
        event(name, Json.text(body));
    }

    /**
     * Writes the event that closes a stream of this format (OpenAI's {@code data: [DONE]}), after a
     * complete answer or after an error event.
     */
    default void endMarker(SseEvent marker) throws IOException {
        event(marker.event(), marker.data());
    }

    /**
     * Called once, last: nothing follows. {@code complete} is true when the upstream answer arrived
     * whole and no error event was written.
     */
    default void finish(boolean complete) throws IOException {}
}
