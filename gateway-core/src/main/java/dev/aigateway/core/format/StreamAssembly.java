package dev.aigateway.core.format;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aigateway.core.stream.SseEvent;
import java.util.List;
import java.util.Optional;

/**
 * How a format's streamed answer and its complete answer turn into each other, so that an answer
 * kept in one shape (a cached stream, a cached JSON answer) can serve a request for the other.
 * Stateless and thread-safe.
 */
public interface StreamAssembly {
    /**
     * The complete answer the events of a finished stream make (the end marker left out); empty
     * when they make none.
     */
    Optional<ObjectNode> assemble(List<SseEvent> events);

    /**
     * The events that stream {@code answer}, without the end marker; the usage in a chunk of its
     * own when {@code includeUsage}. Empty when the answer is not one of this format.
     */
    Optional<List<SseEvent>> disassemble(JsonNode answer, boolean includeUsage);
}
