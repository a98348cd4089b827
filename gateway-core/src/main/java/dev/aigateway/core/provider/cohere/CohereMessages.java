package dev.aigateway.core.provider.cohere;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.aigateway.core.internal.Json;
import dev.aigateway.core.provider.ProviderRequest;

/**
 * OpenAI chat messages as Cohere v2 messages. The two are close: the roles are the same
 * ({@code developer} becomes {@code system}), tool calls and tool results have OpenAI's shape, and
 * images are {@code image_url} parts. What differs is dropped or reshaped: a message's
 * {@code name}, an assistant's {@code null} content beside its tool calls, and content parts
 * Cohere has no place for in a system or assistant turn (only text is kept there).
 */
final class CohereMessages {
    private CohereMessages() {}

    static JsonNode toMessages(ProviderRequest request) {
        ArrayNode out = Json.array();
        for (JsonNode message : request.params().path("messages")) {
            String role = message.path("role").asText("");
            switch (role) {
                case "system", "developer" -> out.add(textTurn("system", message.get("content")));
                case "assistant" -> out.add(assistant(message));
                case "tool" -> out.add(tool(message));
                default -> out.add(user(role, message.get("content")));
            }
        }
        return out;
    }

    private static ObjectNode textTurn(String role, JsonNode content) {
        ObjectNode turn = Json.object().put("role", role);
        turn.set("content", textOnly(content));
        return turn;
    }

    private static ObjectNode user(String role, JsonNode content) {
        ObjectNode turn = Json.object().put("role", role);
        if (content == null || content.isNull()) {
            turn.put("content", "");
        } else if (content.isArray()) {
            ArrayNode parts = turn.putArray("content");
            for (JsonNode part : content) {
                parts.add(userPart(part));
            }
        } else {
            turn.set("content", content);
        }
        return turn;
    }

    /** A text part as it is; an image with its URL given as a string or an object, as an object. */
    private static JsonNode userPart(JsonNode part) {
        if ("image_url".equals(part.path("type").asText())
                && part.path("image_url").isTextual()) {
            ObjectNode image = Json.object().put("type", "image_url");
            image.putObject("image_url").put("url", part.get("image_url").asText());
            return image;
        }
        return part;
    }

    /** Text, tool calls (OpenAI's shape is Cohere's) and a tool plan echoed back from Cohere. */
    private static ObjectNode assistant(JsonNode message) {
        ObjectNode turn = Json.object().put("role", "assistant");
        JsonNode calls = message.path("tool_calls");
        boolean hasCalls = calls.isArray() && !calls.isEmpty();
        JsonNode content = textOnly(message.get("content"));
        boolean hasText = content.isTextual() ? !content.asText().isEmpty() : !content.isEmpty();
        if (hasText || !hasCalls) {
            turn.set("content", content);
        }
        if (message.path("tool_plan").isTextual()) {
            turn.set("tool_plan", message.get("tool_plan"));
        }
        if (hasCalls) {
            ArrayNode out = turn.putArray("tool_calls");
            for (JsonNode call : calls) {
                ObjectNode copy = out.addObject();
                copy.put("id", call.path("id").asText(""));
                copy.put("type", "function");
                ObjectNode function = copy.putObject("function");
                function.put("name", call.path("function").path("name").asText(""));
                function.put(
                        "arguments", call.path("function").path("arguments").asText("{}"));
            }
        }
        return turn;
    }

    private static ObjectNode tool(JsonNode message) {
        ObjectNode turn = Json.object().put("role", "tool");
        turn.put("tool_call_id", message.path("tool_call_id").asText(""));
        JsonNode content = message.get("content");
        turn.set("content", content == null || content.isNull() ? TextNode.valueOf("") : content);
        return turn;
    }

    /** A string as it is; an array of parts as its text parts only; nothing as {@code ""}. */
    private static JsonNode textOnly(JsonNode content) {
        if (content == null || content.isNull()) {
            return TextNode.valueOf("");
        }
        if (!content.isArray()) {
            return content;
        }
        ArrayNode parts = Json.array();
        for (JsonNode part : content) {
            if ("text".equals(part.path("type").asText())) {
                parts.addObject()
                        .put("type", "text")
                        .put("text", part.path("text").asText(""));
            }
        }
        return parts;
    }
}
