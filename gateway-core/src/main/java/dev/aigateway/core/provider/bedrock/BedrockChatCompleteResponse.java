package dev.aigateway.core.provider.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aigateway.core.internal.Json;
import dev.aigateway.core.provider.ProviderRequest;
import java.util.Map;

/**
 * A Converse answer as an OpenAI {@code chat.completion}: text blocks joined into {@code content}
 * ({@code null} when there are only tool calls, as OpenAI sends), {@code toolUse} blocks as
 * {@code tool_calls} (input as JSON text), the stop reason as {@code finish_reason} and the token
 * counts as {@code usage}. With strict compliance off, reasoning text comes as
 * {@code reasoning_content}.
 */
final class BedrockChatCompleteResponse {
    private static final Map<String, String> FINISH = Map.of(
            "end_turn", "stop",
            "stop_sequence", "stop",
            "tool_use", "tool_calls",
            "max_tokens", "length",
            "model_context_window_exceeded", "length",
            "guardrail_intervened", "content_filter",
            "content_filtered", "content_filter");

    private BedrockChatCompleteResponse() {}

    static JsonNode toOpenAi(JsonNode body, ProviderRequest request) {
        ObjectNode out = Json.object();
        out.put("id", "portkey-" + request.context().newId());
        out.put("object", "chat.completion");
        out.put("created", request.context().nowSeconds());
        out.put("model", request.model());
        out.put("provider", BedrockProvider.ID);
        ObjectNode choice = out.putArray("choices").addObject();
        choice.put("index", 0);
        ObjectNode message = choice.putObject("message");
        message.put("role", "assistant");
        StringBuilder text = new StringBuilder();
        StringBuilder reasoning = new StringBuilder();
        ArrayNode calls = Json.array();
        for (JsonNode block : body.path("output").path("message").path("content")) {
            if (block.has("text")) {
                text.append(block.path("text").asText());
            } else if (block.has("toolUse")) {
                JsonNode use = block.get("toolUse");
                ObjectNode call = calls.addObject();
                call.put("id", use.path("toolUseId").asText());
                call.put("type", "function");
                call.putObject("function")
                        .put("name", use.path("name").asText())
                        .put(
                                "arguments",
                                Json.text(use.path("input").isMissingNode() ? Json.object() : use.get("input")));
            } else if (block.has("reasoningContent")) {
                reasoning.append(block.path("reasoningContent")
                        .path("reasoningText")
                        .path("text")
                        .asText(""));
            }
        }
        if (text.length() > 0 || calls.isEmpty()) {
            message.put("content", text.toString());
        } else {
            message.putNull("content");
        }
        if (!calls.isEmpty()) {
            message.set("tool_calls", calls);
        }
        if (!request.strictOpenAiCompliance() && reasoning.length() > 0) {
            message.put("reasoning_content", reasoning.toString());
        }
        choice.put("finish_reason", finishReason(body.path("stopReason").asText("end_turn"), request));
        if (body.has("usage")) {
            out.set("usage", usage(body.get("usage")));
        }
        return out;
    }

    /** OpenAI's finish reason for Converse's {@code stopReason}; the raw one with strict compliance off. */
    static String finishReason(String stopReason, ProviderRequest request) {
        if (!request.strictOpenAiCompliance()) {
            return stopReason;
        }
        return FINISH.getOrDefault(stopReason, "stop");
    }

    /**
     * OpenAI's usage: Converse's {@code inputTokens} leave out tokens read from or written to the
     * prompt cache, which OpenAI's {@code prompt_tokens} include.
     */
    static ObjectNode usage(JsonNode usage) {
        long cacheRead = usage.path("cacheReadInputTokens").asLong(0);
        long cacheWrite = usage.path("cacheWriteInputTokens").asLong(0);
        long prompt = usage.path("inputTokens").asLong(0) + cacheRead + cacheWrite;
        long completion = usage.path("outputTokens").asLong(0);
        ObjectNode out = Json.object();
        out.put("prompt_tokens", prompt);
        out.put("completion_tokens", completion);
        out.put("total_tokens", prompt + completion);
        if (cacheRead > 0 || cacheWrite > 0) {
            out.putObject("prompt_tokens_details").put("cached_tokens", cacheRead);
        }
        return out;
    }
}
