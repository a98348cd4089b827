package dev.aigateway.core.hooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aigateway.core.Endpoint;
import dev.aigateway.core.internal.Json;
import dev.aigateway.core.stream.SseEvent;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The complete answer a finished stream makes, for the after-request hooks: through the format's
 * own assembly where it has one (chat and text completions), else, for Anthropic's Messages, the
 * text of its content blocks as {@code {"content":[{"type":"text","text":...}]}}.
 */
final class StreamText {
    private StreamText() {}

    static Optional<ObjectNode> assemble(Endpoint endpoint, List<SseEvent> events) {
        if (endpoint.format().streamAssembly().isPresent()) {
            return endpoint.format().streamAssembly().get().assemble(events);
        }
        if (endpoint != Endpoint.MESSAGES) {
            return Optional.empty();
        }
        TreeMap<Integer, StringBuilder> blocks = new TreeMap<>();
        for (SseEvent event : events) {
            if (event.isDone() || event.data().isEmpty() || event.data().charAt(0) != '{') {
                continue;
            }
            JsonNode json = event.json();
            String type = json.path("type").asText("");
            int index = json.path("index").asInt(0);
            if (type.equals("content_block_start")
                    && json.path("content_block").path("type").asText("").equals("text")) {
                blocks.computeIfAbsent(index, i -> new StringBuilder())
                        .append(json.path("content_block").path("text").asText(""));
            } else if (type.equals("content_block_delta")
                    && json.path("delta").path("type").asText("").equals("text_delta")) {
                blocks.computeIfAbsent(index, i -> new StringBuilder())
                        .append(json.path("delta").path("text").asText(""));
            }
        }
        ObjectNode message = Json.object();
        ArrayNode content = message.putArray("content");
        blocks.values().forEach(text -> content.addObject().put("type", "text").put("text", text.toString()));
        return Optional.of(message);
    }
}
