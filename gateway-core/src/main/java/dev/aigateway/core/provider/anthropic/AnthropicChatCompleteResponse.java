package dev.aigateway.core.provider.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aigateway.core.internal.ErrorBodies;
import dev.aigateway.core.internal.Json;
import dev.aigateway.core.provider.ProviderErrors;
import dev.aigateway.core.provider.ProviderRequest;

/**
 * A Messages answer as an OpenAI {@code chat.completion} (as Portkey maps it), the finish_reason mapping,
 * and Anthropic's error bodies as the OpenAI error envelope.
 *
 * <p>The message's {@code content} is every text block joined, {@code tool_calls} holds one
 * function call per {@code tool_use} block (arguments as JSON text), and with strict compliance off
 * {@code content_blocks} carries the non-tool blocks (thinking, citations) as Anthropic sent them.
 */
final class AnthropicChatCompleteResponse {
    private AnthropicChatCompleteResponse() {}

    static JsonNode toOpenAi(JsonNode body, ProviderRequest request) {
        if (!(body.get("content") instanceof ArrayNode blocks)) {
            return ErrorBodies.openAi(
                    "Invalid response received from " + request.providerId() + ": " + Json.text(body),
                    null,
                    null,
                    null,
                    request.providerId());
        }
        ObjectNode out = Json.object();
        out.put("id", body.path("id").asText(""));
        out.put("object", "chat.completion");
        out.put("created", request.context().nowSeconds());
        out.put("model", body.path("model").asText(""));
        out.put("provider", request.providerId());
        ObjectNode choice = out.putArray("choices").addObject();
        choice.put("index", 0);
        choice.set("message", message(blocks, request.strictOpenAiCompliance()));
        choice.putNull("logprobs");
        choice.put("finish_reason", finishReason(body.path("stop_reason"), request.strictOpenAiCompliance()));
        out.set("usage", AnthropicUsage.from(body.path("usage")).toOpenAi());
        return out;
    }

    private static ObjectNode message(ArrayNode blocks, boolean strict) {
        StringBuilder text = new StringBuilder();
        ArrayNode toolCalls = Json.array();
        ArrayNode otherBlocks = Json.array();
        for (JsonNode block : blocks) {
            String type = block.path("type").asText("");
            if (type.equals("tool_use")) {
                ObjectNode call = toolCalls.addObject();
                call.put("id", block.path("id").asText(""));
                call.put("type", "function");
                ObjectNode function = call.putObject("function");
                function.put("name", block.path("name").asText(""));
                function.put("arguments", block.has("input") ? Json.text(block.get("input")) : "{}");
                continue;
            }
            if (type.equals("text")) {
                text.append(block.path("text").asText(""));
            }
            otherBlocks.add(block);
        }
        ObjectNode message = Json.object().put("role", "assistant").put("content", text.toString());
        if (!strict) {
            message.set("content_blocks", otherBlocks);
        }
        if (!toolCalls.isEmpty()) {
            message.set("tool_calls", toolCalls);
        }
        return message;
    }

    /**
     * OpenAI's finish_reason for a {@code stop_reason}. Strict: end_turn, stop_sequence and
     * pause_turn → stop, tool_use → tool_calls, max_tokens and model_context_window_exceeded →
     * length, refusal → content_filter, anything else → stop. Not strict: the raw value. Missing:
     * stop either way.
     */
    static String finishReason(JsonNode stopReason, boolean strict) {
        if (stopReason == null || !stopReason.isTextual() || stopReason.asText().isEmpty()) {
            return "stop";
        }
        String raw = stopReason.asText();
        if (!strict) {
            return raw;
        }
        return switch (raw) {
            case "tool_use" -> "tool_calls";
            case "max_tokens", "model_context_window_exceeded" -> "length";
            case "refusal" -> "content_filter";
            default -> "stop";
        };
    }

    /**
     * {@code {"type":"error","error":{"type","message"}}} → {@code {"error":{"message":"anthropic
     * error: <message>","type":<type>,"param":null,"code":null},"provider":"anthropic"}}; any other
     * body (a proxy's HTML page, an empty 502) becomes an envelope holding its text.
     */
    static ObjectNode error(int status, byte[] body, ProviderRequest request) {
        JsonNode json = Json.parseOrNull(body);
        JsonNode error = json == null ? null : json.get("error");
        if (error instanceof ObjectNode) {
            return ErrorBodies.openAi(
                    request.providerId() + " error: " + error.path("message").asText(""),
                    Json.textOrNull(error, "type"),
                    null,
                    null,
                    request.providerId());
        }
        return ProviderErrors.openAiStyle(request.providerId(), status, body);
    }
}
