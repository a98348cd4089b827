package dev.aigateway.core.provider.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aigateway.core.internal.Json;
import dev.aigateway.core.provider.ProviderRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * OpenAI chat messages to Anthropic's {@code messages} and {@code system}.
 *
 * <ul>
 *   <li>{@code system} and {@code developer} messages leave the list and become {@code system} text
 *       blocks.
 *   <li>An assistant message becomes text blocks followed by one {@code tool_use} block per tool
 *       call.
 *   <li>A run of consecutive {@code tool} messages becomes ONE user message holding a
 *       {@code tool_result} block per message: Anthropic wants every result of a turn's tool calls in
 *       the user message right after it.
 *   <li>Content parts: {@code text}, {@code image_url} ({@code data:} URL → base64 source, PDF as a
 *       document; other URLs → url source) and {@code file} become Anthropic blocks; other part types
 *       are dropped. {@code cache_control} is passed on as given.
 * </ul>
 */
final class AnthropicMessages {
    private static final String PDF = "application/pdf";
    private static final String PLAIN_TEXT = "text/plain";

    private AnthropicMessages() {}

    static JsonNode toMessages(ProviderRequest request) {
        ArrayNode out = Json.array();
        ArrayNode toolResults = null; // the content of the user message collecting this turn's results
        for (JsonNode message : request.params().path("messages")) {
            String role = message.path("role").asText("");
            if (isSystem(role)) {
                continue;
            }
            if (role.equals("tool")) {
                if (toolResults == null) {
                    ObjectNode user = out.addObject().put("role", "user");
                    toolResults = user.putArray("content");
                }
                toolResults.add(toolResult(message));
                continue;
            }
            toolResults = null;
            out.add(role.equals("assistant") ? assistant(message) : userOrOther(message, role));
        }
        return out;
    }

    /** The system blocks, or {@code null} (field left out) when there are no system messages. */
    static JsonNode toSystem(ProviderRequest request) {
        ArrayNode system = Json.array();
        for (JsonNode message : request.params().path("messages")) {
            if (!isSystem(message.path("role").asText(""))) {
                continue;
            }
            JsonNode content = message.path("content");
            if (content.isTextual()) {
                system.add(text(content.asText(), message.get("cache_control")));
            }
            for (JsonNode part : content) {
                if (part.path("text").isTextual()) {
                    system.add(text(part.get("text").asText(), part.get("cache_control")));
                }
            }
        }
        return system.isEmpty() ? null : system;
    }

    private static boolean isSystem(String role) {
        return role.equals("system") || role.equals("developer");
    }

    private static ObjectNode userOrOther(JsonNode message, String role) {
        ObjectNode out = Json.object().put("role", role);
        JsonNode content = message.get("content");
        if (content instanceof ArrayNode parts) {
            out.set("content", parts(parts));
        } else if (content != null && content.isTextual() && message.hasNonNull("cache_control")) {
            out.putArray("content").add(text(content.asText(), message.get("cache_control")));
        } else if (content != null) {
            out.set("content", content.deepCopy());
        }
        return out;
    }

    /**
     * Text (or, when a client sends back a strict-off answer's {@code content_blocks}, Anthropic's
     * own blocks such as {@code thinking}, which must be returned unchanged), then the tool calls.
     */
    private static ObjectNode assistant(JsonNode message) {
        ArrayNode blocks = Json.array();
        JsonNode content =
                message.hasNonNull("content_blocks") ? message.get("content_blocks") : message.path("content");
        if (content.isTextual() && !content.asText().isEmpty()) {
            blocks.add(text(content.asText(), message.get("cache_control")));
        }
        for (JsonNode part : content) {
            String type = part.path("type").asText("");
            if (!type.equals("tool_use") && !type.equals("refusal")) {
                blocks.add(part.deepCopy());
            }
        }
        for (JsonNode call : message.path("tool_calls")) {
            blocks.add(toolUse(call));
        }
        ObjectNode out = Json.object().put("role", "assistant");
        out.set("content", blocks);
        return out;
    }

    private static ObjectNode toolUse(JsonNode call) {
        ObjectNode out = Json.object().put("type", "tool_use");
        out.put("id", call.path("id").asText(""));
        out.put("name", call.path("function").path("name").asText(""));
        out.set("input", arguments(call.path("function").path("arguments")));
        if (call.hasNonNull("cache_control")) {
            out.set("cache_control", call.get("cache_control").deepCopy());
        }
        return out;
    }

    /** The arguments JSON string as an object; Anthropic requires an object, so anything else is {}. */
    private static ObjectNode arguments(JsonNode arguments) {
        if (arguments instanceof ObjectNode object) {
            return object.deepCopy();
        }
        if (arguments.isTextual()) {
            try {
                if (Json.parse(arguments.asText()) instanceof ObjectNode object) {
                    return object;
                }
            } catch (IOException malformed) {
                // a model may stream cut or invalid arguments; the turn is still worth sending
            }
        }
        return Json.object();
    }

    private static ObjectNode toolResult(JsonNode message) {
        ObjectNode out = Json.object().put("type", "tool_result");
        out.put("tool_use_id", message.path("tool_call_id").asText(""));
        JsonNode content = message.get("content");
        if (content instanceof ArrayNode parts) {
            out.set("content", parts(parts));
        } else if (content != null && !content.isNull()) {
            out.set("content", content.deepCopy());
        }
        return out;
    }

    private static ArrayNode parts(ArrayNode parts) {
        ArrayNode blocks = Json.array();
        for (JsonNode part : parts) {
            JsonNode cacheControl = part.get("cache_control");
            ObjectNode block =
                    switch (part.path("type").asText("")) {
                        case "text" -> text(part.path("text").asText(""), null);
                        case "image_url" -> image(
                                part.path("image_url").path("url").asText(""));
                        case "file" -> file(part.path("file"));
                        default -> null;
                    };
            if (block != null) {
                if (cacheControl != null && !cacheControl.isNull()) {
                    block.set("cache_control", cacheControl.deepCopy());
                }
                blocks.add(block);
            }
        }
        return blocks;
    }

    private static ObjectNode text(String text, JsonNode cacheControl) {
        ObjectNode block = Json.object().put("type", "text").put("text", text);
        if (cacheControl != null && !cacheControl.isNull()) {
            block.set("cache_control", cacheControl.deepCopy());
        }
        return block;
    }

    /** An image part; a malformed or empty URL is dropped, as Portkey does. */
    private static ObjectNode image(String url) {
        if (url.isEmpty()) {
            return null;
        }
        if (!url.startsWith("data:")) {
            return block("image", Json.object().put("type", "url").put("url", url));
        }
        DataUrl data = DataUrl.parse(url);
        if (data == null) {
            return null;
        }
        return block(data.mediaType().equals(PDF) ? "document" : "image", data.base64Source());
    }

    /** A file part: {@code file_url} or {@code file_data} (a data URL, or raw data with {@code mime_type}). */
    private static ObjectNode file(JsonNode file) {
        if (file.path("file_url").isTextual()) {
            return block(
                    "document",
                    Json.object()
                            .put("type", "url")
                            .put("url", file.get("file_url").asText()));
        }
        String data = file.path("file_data").asText("");
        if (data.isEmpty()) {
            return null;
        }
        DataUrl url = data.startsWith("data:")
                ? DataUrl.parse(data)
                : new DataUrl(file.path("mime_type").asText(PDF), data, false);
        if (url == null) {
            return null;
        }
        if (!url.mediaType().equals(PLAIN_TEXT)) {
            return block("document", url.base64Source());
        }
        String text = url.text();
        return text == null
                ? null
                : block(
                        "document",
                        Json.object()
                                .put("type", "text")
                                .put("media_type", PLAIN_TEXT)
                                .put("data", text));
    }

    private static ObjectNode block(String type, ObjectNode source) {
        ObjectNode block = Json.object().put("type", type);
        block.set("source", source);
        return block;
    }

    /**
     * Base64 data and its media type: from a {@code data:<type>;base64,<data>} URL, or a raw
     * {@code file_data} string, which Portkey sends as it is (plain text for {@code text/plain}).
     */
    private record DataUrl(String mediaType, String data, boolean fromDataUrl) {
        /** The parts of a base64 data URL, or {@code null} when it is not one. */
        static DataUrl parse(String url) {
            int comma = url.indexOf(',');
            if (comma < 0) {
                return null;
            }
            String meta = url.substring("data:".length(), comma);
            int semicolon = meta.indexOf(';');
            String mediaType = semicolon < 0 ? meta : meta.substring(0, semicolon);
            String data = url.substring(comma + 1);
            boolean valid = meta.endsWith(";base64") && !mediaType.isEmpty() && !data.isEmpty();
            return valid ? new DataUrl(mediaType, data, true) : null;
        }

        ObjectNode base64Source() {
            return Json.object()
                    .put("type", "base64")
                    .put("media_type", mediaType)
                    .put("data", data);
        }

        /** The data as plain text (Anthropic's text documents take the text itself), or null. */
        String text() {
            if (!fromDataUrl) {
                return data;
            }
            try {
                return new String(Base64.getMimeDecoder().decode(data), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException notBase64) {
                return null;
            }
        }
    }
}
