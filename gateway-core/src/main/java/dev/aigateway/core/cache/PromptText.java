package dev.aigateway.core.cache;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aigateway.core.Endpoint;
import java.util.Optional;

/**
 * The prompt a semantic cache compares: the last user message of a chat (its text, or its text
 * parts joined; a message with an image or other part is not compared), or a completion's prompt
 * string; and the params with that prompt blanked, which everything else must equal.
 *
 * @param text what is embedded
 * @param blanked the params without {@code stream} and with the prompt's text empty
 */
record PromptText(String text, ObjectNode blanked) {
    /** The prompt of {@code params}, when the endpoint has one made of text only. */
    static Optional<PromptText> of(Endpoint endpoint, ObjectNode params) {
        if (endpoint == Endpoint.CHAT_COMPLETE) {
            return chat(params);
        }
        if (endpoint == Endpoint.COMPLETE && params.path("prompt").isTextual()) {
            ObjectNode blanked = blank(params);
            blanked.put("prompt", "");
            return usable(params.get("prompt").asText(), blanked);
        }
        return Optional.empty();
    }

    private static Optional<PromptText> chat(ObjectNode params) {
        JsonNode messages = params.path("messages");
        if (!messages.isArray()) {
            return Optional.empty();
        }
        for (int i = messages.size() - 1; i >= 0; i--) {
            JsonNode message = messages.get(i);
            if (!"user".equals(message.path("role").asText())) {
                continue;
            }
            Optional<String> text = text(message.path("content"));
            if (text.isEmpty()) {
                return Optional.empty();
            }
            ObjectNode blanked = blank(params);
            ((ObjectNode) ((ArrayNode) blanked.get("messages")).get(i)).put("content", "");
            return usable(text.get(), blanked);
        }
        return Optional.empty();
    }

    private static Optional<String> text(JsonNode content) {
        if (content.isTextual()) {
            return Optional.of(content.asText());
        }
        if (!content.isArray()) {
            return Optional.empty();
        }
        StringBuilder joined = new StringBuilder();
        for (JsonNode part : content) {
            if (!"text".equals(part.path("type").asText()) || !part.path("text").isTextual()) {
                return Optional.empty();
            }
            if (joined.length() > 0) {
                joined.append('\n');
            }
            joined.append(part.get("text").asText());
        }
        return Optional.of(joined.toString());
    }

    private static ObjectNode blank(ObjectNode params) {
        ObjectNode copy = params.deepCopy();
        copy.remove("stream");
        return copy;
    }

    private static Optional<PromptText> usable(String text, ObjectNode blanked) {
        return text.isBlank() ? Optional.empty() : Optional.of(new PromptText(text, blanked));
    }
}
