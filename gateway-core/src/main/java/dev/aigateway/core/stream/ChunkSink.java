package dev.aigateway.core.stream;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aigateway.core.json.Json;
import java.io.IOException;

/**
 * Where a stream transform writes the OpenAI-format events it produces. Each call writes one whole
 * event and flushes it to the client at once.
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

    /** Writes OpenAI's end marker, {@code data: [DONE]}. */
    default void done() throws IOException {
        event(null, "[DONE]");
    }
}
