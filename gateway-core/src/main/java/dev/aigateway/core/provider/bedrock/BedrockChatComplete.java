package dev.aigateway.core.provider.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aigateway.core.error.GatewayException;
import dev.aigateway.core.internal.Json;
import dev.aigateway.core.provider.ProviderRequest;
import java.util.Set;

/**
 * An OpenAI chat request as a Bedrock Converse request (Portkey's {@code bedrock/chatComplete.ts}):
 * system and developer messages become {@code system} blocks; the conversation becomes
 * {@code messages} with {@code text}, {@code image}, {@code toolUse} and {@code toolResult}
 * blocks (tool results are user turns; consecutive turns of one role are merged, since Converse
 * wants them alternating); {@code max_tokens}/{@code max_completion_tokens}, {@code temperature},
 * {@code top_p} and {@code stop} go to {@code inferenceConfig}; function tools and
 * {@code tool_choice} to {@code toolConfig}. {@code additional_model_request_fields} (or
 * {@code additionalModelRequestFields}) passes through, with {@code top_k} and {@code thinking}
 * (Anthropic's models) added to it; {@code guardrailConfig}, {@code performanceConfig},
 * {@code requestMetadata}, {@code promptVariables} and {@code additionalModelResponseFieldPaths}
 * pass through in either spelling.
 */
final class BedrockChatComplete {
    private static final Set<String> IMAGE_FORMATS = Set.of("png", "jpeg", "gif", "webp");
    private static final String[][] PASSED = {
        {"guardrailConfig", "guardrail_config"},
        {"performanceConfig", "performance_config"},
        {"requestMetadata", "request_metadata"},
        {"promptVariables", "prompt_variables"},
        {"additionalModelResponseFieldPaths", "additional_model_response_field_paths"}
    };

    private BedrockChatComplete() {}

    static ObjectNode toConverse(ProviderRequest request) {
        ObjectNode params = request.params();
        ObjectNode body = Json.object();
        ArrayNode system = Json.array();
        ArrayNode messages = Json.array();
        for (JsonNode message : params.path("messages")) {
            String role = message.path("role").asText();
            switch (role) {
                case "system", "developer" -> textBlocks(message.path("content"), system);
                case "user" -> append(messages, "user", userBlocks(message.path("content")));
                case "assistant" -> append(messages, "assistant", assistantBlocks(message));
                case "tool", "function" -> append(messages, "user", toolResult(message));
                default -> throw GatewayException.badRequest("bedrock: unknown message role '" + role + "'");
            }
        }
        body.set("messages", messages);
        if (!system.isEmpty()) {
            body.set("system", system);
        }
        ObjectNode inference = inferenceConfig(params);
        if (!inference.isEmpty()) {
            body.set("inferenceConfig", inference);
        }
        BedrockTools.toolConfig(params).ifPresent(config -> body.set("toolConfig", config));
        ObjectNode additional = additionalFields(params);
        if (!additional.isEmpty()) {
            body.set("additionalModelRequestFields", additional);
        }
        for (String[] names : PASSED) {
            JsonNode value = params.has(names[0]) ? params.get(names[0]) : params.get(names[1]);
            if (value != null && !value.isNull()) {
                body.set(names[0], value);
            }
        }
        return body;
    }

    private static ObjectNode inferenceConfig(ObjectNode params) {
        ObjectNode inference = Json.object();
        JsonNode maxTokens = params.hasNonNull("max_completion_tokens")
                ? params.get("max_completion_tokens")
                : params.get("max_tokens");
        if (maxTokens != null && !maxTokens.isNull()) {
            inference.set("maxTokens", maxTokens);
        }
        copy(params, "temperature", inference, "temperature");
        copy(params, "top_p", inference, "topP");
        JsonNode stop = params.get("stop");
        if (stop != null && stop.isTextual()) {
            inference.putArray("stopSequences").add(stop.asText());
        } else if (stop != null && stop.isArray() && !stop.isEmpty()) {
            inference.set("stopSequences", stop);
        }
        return inference;
    }

    private static ObjectNode additionalFields(ObjectNode params) {
        JsonNode given = params.has("additionalModelRequestFields")
                ? params.get("additionalModelRequestFields")
                : params.get("additional_model_request_fields");
        ObjectNode additional = given instanceof ObjectNode object ? object.deepCopy() : Json.object();
        copy(params, "top_k", additional, "top_k");
        copy(params, "thinking", additional, "thinking");
        return additional;
    }

    /** Appends {@code blocks} as a turn of {@code role}, merged into the last turn when it is one too. */
    private static void append(ArrayNode messages, String role, ArrayNode blocks) {
        if (blocks.isEmpty()) {
            return;
        }
        JsonNode last = messages.isEmpty() ? null : messages.get(messages.size() - 1);
        if (last != null && role.equals(last.path("role").asText())) {
            ((ArrayNode) last.get("content")).addAll(blocks);
            return;
        }
        ObjectNode turn = messages.addObject();
        turn.put("role", role);
        turn.set("content", blocks);
    }

    private static void textBlocks(JsonNode content, ArrayNode into) {
        if (content.isTextual()) {
            addText(into, content.asText());
        }
        for (JsonNode part : content) {
            if ("text".equals(part.path("type").asText())) {
                addText(into, part.path("text").asText());
            }
        }
    }

    /** Converse refuses empty text blocks, so they are left out. */
    private static void addText(ArrayNode into, String text) {
        if (!text.isEmpty()) {
            into.addObject().put("text", text);
        }
    }

    private static ArrayNode userBlocks(JsonNode content) {
        ArrayNode blocks = Json.array();
        if (content.isTextual()) {
            addText(blocks, content.asText());
            return blocks;
        }
        for (JsonNode part : content) {
            switch (part.path("type").asText()) {
                case "text" -> addText(blocks, part.path("text").asText());
                case "image_url" -> blocks.add(
                        image(part.path("image_url").path("url").asText()));
                default -> throw GatewayException.badRequest(
                        "bedrock: content parts of type '" + part.path("type").asText() + "' are not supported");
            }
        }
        return blocks;
    }

    /**
     * An image as Converse takes it: the bytes, from a {@code data:image/<format>;base64,} URL.
     * Converse cannot fetch a web URL (only S3), so that is a 400 saying what to send instead.
     */
    private static ObjectNode image(String url) {
        if (!url.startsWith("data:image/") || !url.contains(";base64,")) {
            throw GatewayException.badRequest(
                    "bedrock: images must be data URLs (data:image/png;base64,...); Bedrock cannot fetch image URLs");
        }
        String format = url.substring("data:image/".length(), url.indexOf(';'));
        format = format.equals("jpg") ? "jpeg" : format;
        if (!IMAGE_FORMATS.contains(format)) {
            throw GatewayException.badRequest(
                    "bedrock: image format '" + format + "' is not supported (png, jpeg, gif, webp)");
        }
        ObjectNode block = Json.object();
        ObjectNode image = block.putObject("image");
        image.put("format", format);
        image.putObject("source").put("bytes", url.substring(url.indexOf(";base64,") + ";base64,".length()));
        return block;
    }

    private static ArrayNode assistantBlocks(JsonNode message) {
        ArrayNode blocks = Json.array();
        textBlocks(message.path("content"), blocks);
        for (JsonNode call : message.path("tool_calls")) {
            ObjectNode use = blocks.addObject().putObject("toolUse");
            use.put("toolUseId", call.path("id").asText());
            use.put("name", call.path("function").path("name").asText());
            use.set("input", BedrockTools.arguments(call.path("function").path("arguments")));
        }
        return blocks;
    }

    private static ArrayNode toolResult(JsonNode message) {
        ArrayNode content = Json.array();
        textBlocks(message.path("content"), content);
        if (content.isEmpty()) {
            content.addObject().put("text", "");
        }
        ArrayNode blocks = Json.array();
        ObjectNode result = blocks.addObject().putObject("toolResult");
        result.put(
                "toolUseId",
                message.path("tool_call_id").asText(message.path("name").asText()));
        result.set("content", content);
        return blocks;
    }

    private static void copy(JsonNode from, String name, ObjectNode to, String as) {
        JsonNode value = from.get(name);
        if (value != null && !value.isNull()) {
            to.set(as, value);
        }
    }
}
