package dev.aigateway.core.provider.translate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aigateway.core.internal.Json;
import dev.aigateway.core.provider.ProviderRequest;

/**
 * The Responses {@code response} object the translation answers with: every field OpenAI's own
 * has (the SDKs read them as required), the request's settings echoed as OpenAI echoes them
 * ({@code instructions}, {@code metadata}, {@code tools}, {@code text}, ...), {@code store} false
 * since nothing is stored, and the output items and usage built from the chat answer.
 */
final class ResponseObject {
    private ResponseObject() {}

    /** A response with no output yet, in {@code status}, for {@code response.created} too. */
    static ObjectNode skeleton(ProviderRequest request, String id, String model, String status) {
        ObjectNode params = request.params();
        ObjectNode response = Json.object();
        response.put("id", id);
        response.put("object", "response");
        response.put("created_at", request.context().nowSeconds());
        response.put("status", status);
        response.put("background", false);
        response.putNull("error");
        response.putNull("incomplete_details");
        echo(params, "instructions", response);
        echo(params, "max_output_tokens", response);
        response.put("model", model.isEmpty() ? request.model() : model);
        response.putArray("output");
        response.put("parallel_tool_calls", params.path("parallel_tool_calls").asBoolean(true));
        response.putNull("previous_response_id");
        ObjectNode reasoning = response.putObject("reasoning");
        echo(params.path("reasoning"), "effort", reasoning);
        reasoning.putNull("summary");
        response.put("store", false);
        response.set(
                "temperature",
                params.has("temperature")
                        ? params.get("temperature")
                        : Json.object().numberNode(1.0));
        ObjectNode text = response.putObject("text");
        text.set(
                "format",
                params.path("text").path("format").isObject()
                        ? params.path("text").path("format")
                        : Json.object().put("type", "text"));
        response.set(
                "tool_choice",
                params.has("tool_choice")
                        ? params.get("tool_choice")
                        : Json.object().textNode("auto"));
        response.set("tools", params.path("tools").isArray() ? params.get("tools") : Json.array());
        response.set(
                "top_p",
                params.has("top_p") ? params.get("top_p") : Json.object().numberNode(1.0));
        response.put("truncation", "disabled");
        response.putNull("usage");
        echo(params, "user", response);
        response.set("metadata", params.path("metadata").isObject() ? params.get("metadata") : Json.object());
        return response;
    }

    /** Sets {@code status} and {@code incomplete_details} for the chat finish reason. */
    static void finish(ObjectNode response, String finishReason) {
        String reason =
                switch (finishReason) {
                    case "length" -> "max_output_tokens";
                    case "content_filter" -> "content_filter";
                    default -> null;
                };
        response.put("status", reason == null ? "completed" : "incomplete");
        if (reason != null) {
            response.putObject("incomplete_details").put("reason", reason);
        }
    }

    /** A message output item holding {@code text}. */
    static ObjectNode message(String id, String text, String status) {
        ObjectNode item = Json.object().put("id", id).put("type", "message").put("status", status);
        item.put("role", "assistant");
        ArrayNode content = item.putArray("content");
        if (text != null) {
            content.add(outputText(text));
        }
        return item;
    }

    static ObjectNode outputText(String text) {
        ObjectNode part = Json.object().put("type", "output_text").put("text", text);
        part.putArray("annotations");
        part.putArray("logprobs");
        return part;
    }

    /** A function_call output item. */
    static ObjectNode functionCall(String id, String callId, String name, String arguments, String status) {
        return Json.object()
                .put("id", id)
                .put("type", "function_call")
                .put("status", status)
                .put("arguments", arguments)
                .put("call_id", callId)
                .put("name", name);
    }

    /** Chat usage in Responses' fields. */
    static ObjectNode usage(JsonNode chat) {
        long input = chat.path("prompt_tokens").asLong(0);
        long output = chat.path("completion_tokens").asLong(0);
        ObjectNode usage = Json.object();
        usage.put("input_tokens", input);
        usage.putObject("input_tokens_details")
                .put(
                        "cached_tokens",
                        chat.path("prompt_tokens_details").path("cached_tokens").asLong(0));
        usage.put("output_tokens", output);
        usage.putObject("output_tokens_details")
                .put(
                        "reasoning_tokens",
                        chat.path("completion_tokens_details")
                                .path("reasoning_tokens")
                                .asLong(0));
        usage.put("total_tokens", chat.path("total_tokens").asLong(input + output));
        return usage;
    }

    private static void echo(JsonNode params, String field, ObjectNode to) {
        JsonNode value = params.get(field);
        to.set(field, value == null ? Json.object().nullNode() : value);
    }
}
