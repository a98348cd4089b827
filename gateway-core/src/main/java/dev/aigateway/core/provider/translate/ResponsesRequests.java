package dev.aigateway.core.provider.translate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aigateway.core.error.GatewayException;
import dev.aigateway.core.internal.Json;
import dev.aigateway.core.provider.ProviderRequest;

/**
 * A Responses request as chat completion parameters: {@code instructions} as the system message;
 * {@code input} as text or items (messages with text, image and file parts; {@code function_call}
 * items as the assistant's tool calls; {@code function_call_output} items as tool messages);
 * function tools and {@code tool_choice}; {@code text.format} as {@code response_format};
 * {@code max_output_tokens} (as {@code max_completion_tokens}, which OpenAI's reasoning models
 * require and every provider's chat transform maps), temperature, {@code top_p}, {@code parallel_tool_calls};
 * {@code reasoning.effort} as {@code reasoning_effort}, which each provider's chat transform maps
 * to its equivalent or leaves out; {@code user} (or {@code safety_identifier}). Reasoning items in
 * the input are dropped: they are opaque to every other provider.
 *
 * <p>What only a provider that stores responses can honour ({@code previous_response_id},
 * {@code store: true}, {@code conversation}, {@code background}, stored prompts, items by
 * reference or files by id) is a 400 naming it, never silently dropped; so are OpenAI's hosted
 * tools.
 */
final class ResponsesRequests {
    private ResponsesRequests() {}

    static ObjectNode toChat(ProviderRequest request) {
        ObjectNode params = request.params();
        String provider = request.providerId();
        refuseStored(params, provider);
        ObjectNode chat = Json.object();
        copy(params, "model", chat, "model");
        ArrayNode messages = chat.putArray("messages");
        JsonNode instructions = params.get("instructions");
        if (instructions != null
                && instructions.isTextual()
                && !instructions.asText().isEmpty()) {
            messages.addObject().put("role", "system").put("content", instructions.asText());
        }
        JsonNode input = params.path("input");
        if (input.isTextual()) {
            messages.addObject().put("role", "user").put("content", input.asText());
        } else {
            for (JsonNode item : input) {
                ResponsesItems.add(item, messages, provider);
            }
        }
        tools(params.path("tools"), chat, provider);
        toolChoice(params.get("tool_choice"), chat, provider);
        copy(params, "parallel_tool_calls", chat, "parallel_tool_calls");
        responseFormat(params.path("text").path("format"), chat);
        copy(params, "max_output_tokens", chat, "max_completion_tokens");
        copy(params, "temperature", chat, "temperature");
        copy(params, "top_p", chat, "top_p");
        copy(params.path("reasoning"), "effort", chat, "reasoning_effort");
        copy(params, "safety_identifier", chat, "user");
        copy(params, "user", chat, "user");
        if (request.stream()) {
            chat.put("stream", true);
            chat.putObject("stream_options").put("include_usage", true);
        }
        return chat;
    }

    private static void refuseStored(ObjectNode params, String provider) {
        String stores =
                " needs a provider that stores responses (openai, azure-openai); " + provider + " cannot honour it";
        if (present(params, "previous_response_id")) {
            throw GatewayException.badRequest(
                    "previous_response_id" + stores + ": send the earlier turns in input instead");
        }
        if (params.path("store").asBoolean(false)) {
            throw GatewayException.badRequest("store: true" + stores + ": send store: false or leave it out");
        }
        if (present(params, "conversation")) {
            throw GatewayException.badRequest("conversation" + stores);
        }
        if (params.path("background").asBoolean(false)) {
            throw GatewayException.badRequest("background: true" + stores);
        }
        if (present(params, "prompt")) {
            throw GatewayException.badRequest("prompt (a stored prompt template)" + stores);
        }
    }

    private static void tools(JsonNode tools, ObjectNode chat, String provider) {
        if (!tools.isArray() || tools.isEmpty()) {
            return;
        }
        ArrayNode out = chat.putArray("tools");
        for (JsonNode tool : tools) {
            String type = tool.path("type").asText("");
            if (!type.equals("function")) {
                throw GatewayException.badRequest(
                        "tools: the tool type '" + type + "' is one of OpenAI's hosted tools, which " + provider
                                + " does not have; only function tools are translated");
            }
            ObjectNode function = out.addObject().put("type", "function").putObject("function");
            function.put("name", tool.path("name").asText(""));
            copy(tool, "description", function, "description");
            copy(tool, "parameters", function, "parameters");
            copy(tool, "strict", function, "strict");
        }
    }

    private static void toolChoice(JsonNode choice, ObjectNode chat, String provider) {
        if (choice == null || choice.isNull()) {
            return;
        }
        if (choice.isTextual()) {
            chat.set("tool_choice", choice);
            return;
        }
        if (choice.path("type").asText("").equals("function")) {
            chat.putObject("tool_choice")
                    .put("type", "function")
                    .putObject("function")
                    .put("name", choice.path("name").asText(""));
            return;
        }
        throw GatewayException.badRequest(
                "tool_choice of type '" + choice.path("type").asText("") + "' cannot be translated for " + provider
                        + "; use auto, none, required or a function");
    }

    /** text.format: json_object and json_schema as chat's response_format; text needs none. */
    private static void responseFormat(JsonNode format, ObjectNode chat) {
        switch (format.path("type").asText("")) {
            case "json_object" -> chat.putObject("response_format").put("type", "json_object");
            case "json_schema" -> {
                ObjectNode schema = Json.object();
                copy(format, "name", schema, "name");
                copy(format, "description", schema, "description");
                copy(format, "schema", schema, "schema");
                copy(format, "strict", schema, "strict");
                ObjectNode responseFormat = chat.putObject("response_format").put("type", "json_schema");
                responseFormat.set("json_schema", schema);
            }
            default -> {}
        }
    }

    static boolean present(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && !value.isNull();
    }

    static void copy(JsonNode from, String field, ObjectNode to, String as) {
        JsonNode value = from.get(field);
        if (value != null && !value.isNull()) {
            to.set(as, value);
        }
    }
}
