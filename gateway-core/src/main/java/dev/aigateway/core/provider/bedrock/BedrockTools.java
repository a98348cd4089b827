package dev.aigateway.core.provider.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aigateway.core.error.GatewayException;
import dev.aigateway.core.internal.Json;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * OpenAI's function tools as Converse's {@code toolConfig}: each function a {@code toolSpec} with
 * its JSON schema under {@code inputSchema.json}; {@code tool_choice} {@code auto} → {@code auto},
 * {@code required} → {@code any}, a named function → {@code tool}. Converse has no "none": with
 * {@code tool_choice: "none"} the tools are still declared (Bedrock refuses a conversation holding
 * tool calls without them) and no choice is sent.
 */
final class BedrockTools {
    private BedrockTools() {}

    static Optional<ObjectNode> toolConfig(ObjectNode params) {
        ArrayNode tools = Json.array();
        for (JsonNode tool : params.path("tools")) {
            if (!"function".equals(tool.path("type").asText("function"))) {
                throw GatewayException.badRequest("bedrock: only function tools are supported, not '"
                        + tool.path("type").asText() + "'");
            }
            JsonNode function = tool.path("function");
            ObjectNode spec = tools.addObject().putObject("toolSpec");
            spec.put("name", function.path("name").asText());
            if (function.hasNonNull("description")) {
                spec.put("description", function.path("description").asText());
            }
            JsonNode schema = function.hasNonNull("parameters")
                    ? function.get("parameters")
                    : Json.object().put("type", "object").set("properties", Json.object());
            spec.putObject("inputSchema").set("json", schema);
        }
        if (tools.isEmpty()) {
            return Optional.empty();
        }
        ObjectNode config = Json.object();
        config.set("tools", tools);
        choice(params.get("tool_choice")).ifPresent(choice -> config.set("toolChoice", choice));
        return Optional.of(config);
    }

    private static Optional<ObjectNode> choice(JsonNode choice) {
        if (choice == null || choice.isNull()) {
            return Optional.empty();
        }
        ObjectNode out = Json.object();
        if (choice.isTextual()) {
            switch (choice.asText()) {
                case "auto" -> out.putObject("auto");
                case "required" -> out.putObject("any");
                default -> {
                    return Optional.empty();
                }
            }
            return Optional.of(out);
        }
        String name = choice.path("function").path("name").asText("");
        if (name.isEmpty()) {
            return Optional.empty();
        }
        out.putObject("tool").put("name", name);
        return Optional.of(out);
    }

    /** A tool call's {@code arguments} (JSON text) as the object Converse wants as {@code input}. */
    static JsonNode arguments(JsonNode arguments) {
        if (arguments.isObject()) {
            return arguments;
        }
        String text = arguments.asText("");
        if (text.isBlank()) {
            return Json.object();
        }
        JsonNode parsed = Json.parseOrNull(text.getBytes(StandardCharsets.UTF_8));
        if (parsed == null || !parsed.isObject()) {
            throw GatewayException.badRequest("bedrock: tool call arguments must be a JSON object");
        }
        return parsed;
    }
}
