package dev.aigateway.core.provider.cohere;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aigateway.core.internal.ErrorBodies;
import dev.aigateway.core.internal.Json;
import dev.aigateway.core.provider.ProviderErrors;
import dev.aigateway.core.provider.ProviderRequest;

/**
 * A Cohere v2 chat answer as an OpenAI {@code chat.completion}, the finish-reason mapping, and
 * Cohere's errors as OpenAI's envelope.
 *
 * <p>{@code content} is every text block joined, {@code tool_calls} Cohere's own (already in
 * OpenAI's shape). With strict compliance off the message also carries what OpenAI has no field
 * for: {@code citations} (from grounding documents), {@code tool_plan} and the thinking text as
 * {@code reasoning_content}.
 */
final class CohereChatCompleteResponse {
    /** Cohere's status for an invalid or expired token. */
    static final int INVALID_TOKEN = 498;

    private CohereChatCompleteResponse() {}

    static JsonNode toOpenAi(JsonNode body, ProviderRequest request) {
        if (!(body.get("message") instanceof ObjectNode message)) {
            return ErrorBodies.openAi(
                    "Invalid response received from " + CohereProvider.ID + ": " + Json.text(body),
                    null,
                    null,
                    null,
                    CohereProvider.ID);
        }
        boolean strict = request.strictOpenAiCompliance();
        ObjectNode out = Json.object();
        out.put("id", body.path("id").asText(""));
        out.put("object", "chat.completion");
        out.put("created", request.context().nowSeconds());
        out.put("model", request.model());
        out.put("provider", CohereProvider.ID);
        ObjectNode choice = out.putArray("choices").addObject();
        choice.put("index", 0);
        choice.set("message", message(message, strict));
        choice.putNull("logprobs");
        choice.put("finish_reason", finishReason(body.path("finish_reason"), strict));
        out.set("usage", CohereUsage.from(body.path("usage")).toOpenAi());
        return out;
    }

    private static ObjectNode message(ObjectNode message, boolean strict) {
        StringBuilder text = new StringBuilder();
        StringBuilder thinking = new StringBuilder();
        for (JsonNode block : message.path("content")) {
            switch (block.path("type").asText("")) {
                case "text" -> text.append(block.path("text").asText(""));
                case "thinking" -> thinking.append(block.path("thinking").asText(""));
                default -> {
                    // block types Cohere may add later
                }
            }
        }
        ObjectNode out = Json.object().put("role", "assistant");
        JsonNode calls = message.path("tool_calls");
        boolean hasCalls = calls.isArray() && !calls.isEmpty();
        if (text.length() == 0 && hasCalls) {
            out.putNull("content");
        } else {
            out.put("content", text.toString());
        }
        if (hasCalls) {
            out.set("tool_calls", toolCalls((ArrayNode) calls));
        }
        if (!strict) {
            if (message.has("citations")) {
                out.set("citations", message.get("citations"));
            }
            if (message.path("tool_plan").isTextual()) {
                out.set("tool_plan", message.get("tool_plan"));
            }
            if (thinking.length() > 0) {
                out.put("reasoning_content", thinking.toString());
            }
        }
        return out;
    }

    private static ArrayNode toolCalls(ArrayNode calls) {
        ArrayNode out = Json.array();
        for (JsonNode call : calls) {
            ObjectNode copy = out.addObject();
            copy.put("id", call.path("id").asText(""));
            copy.put("type", "function");
            ObjectNode function = copy.putObject("function");
            function.put("name", call.path("function").path("name").asText(""));
            function.put("arguments", call.path("function").path("arguments").asText("{}"));
        }
        return out;
    }

    /**
     * OpenAI's finish_reason. Strict: {@code COMPLETE} and {@code STOP_SEQUENCE} → stop,
     * {@code MAX_TOKENS} → length, {@code TOOL_CALL} → tool_calls, anything else ({@code ERROR},
     * {@code TIMEOUT}) → stop, as Portkey maps them. Not strict: Cohere's value. Missing: stop.
     */
    static String finishReason(JsonNode reason, boolean strict) {
        if (reason == null || !reason.isTextual() || reason.asText().isEmpty()) {
            return "stop";
        }
        if (!strict) {
            return reason.asText();
        }
        return switch (reason.asText()) {
            case "MAX_TOKENS" -> "length";
            case "TOOL_CALL" -> "tool_calls";
            default -> "stop";
        };
    }

    /**
     * {@code {"id":..., "message":"..."}} → {@code {"error":{"message":"cohere error: ...", ...},
     * "provider":"cohere"}}; other shapes as {@link ProviderErrors#openAiStyle} reads them.
     */
    static ObjectNode error(int status, byte[] body) {
        return ProviderErrors.openAiStyle(CohereProvider.ID, status, body);
    }

    /** Cohere's 498 (invalid token) is answered as the 401 every client knows. */
    static int errorStatus(int status) {
        return status == INVALID_TOKEN ? 401 : status;
    }
}
