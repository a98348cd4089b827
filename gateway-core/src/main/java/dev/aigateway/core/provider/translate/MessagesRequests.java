package dev.aigateway.core.provider.translate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aigateway.core.error.GatewayException;
import dev.aigateway.core.internal.Json;
import dev.aigateway.core.provider.ProviderRequest;
import java.util.Set;

/**
 * An Anthropic Messages request as chat completion parameters: {@code system} (text or blocks) as
 * the first message; text and image blocks as content parts; {@code tool_use} blocks as the
 * assistant's {@code tool_calls}; {@code tool_result} blocks as {@code tool} messages, placed
 * before the rest of their user turn as chat completions want them; tools, {@code tool_choice}
 * (with {@code disable_parallel_tool_use}), {@code stop_sequences}, {@code max_tokens} (as
 * {@code max_completion_tokens}, which OpenAI's reasoning models require and every provider's chat
 * transform maps), temperature, {@code top_p}, {@code metadata.user_id} as {@code user}; {@code thinking} and
 * {@code top_k} for providers whose chat transform reads them. Thinking blocks in the history are
 * dropped: their signatures mean something to Anthropic only. {@code cache_control} has no chat
 * equivalent and is dropped. What chat completions cannot express (Anthropic's server tools, a
 * document by file id) is a 400 naming it.
 */
final class MessagesRequests {
    private MessagesRequests() {}

    static ObjectNode toChat(ProviderRequest request, Set<String> extensions) {
        ObjectNode params = request.params();
        ObjectNode chat = Json.object();
        copy(params, "model", chat, "model");
        ArrayNode messages = chat.putArray("messages");
        system(params.get("system"), messages);
        for (JsonNode message : params.path("messages")) {
            message(message, messages);
        }
        copy(params, "max_tokens", chat, "max_completion_tokens");
        copy(params, "temperature", chat, "temperature");
        copy(params, "top_p", chat, "top_p");
        copy(params, "stop_sequences", chat, "stop");
        if (params.path("metadata").path("user_id").isTextual()) {
            chat.put("user", params.path("metadata").path("user_id").asText());
        }
        tools(params.path("tools"), chat, request.providerId());
        toolChoice(params.get("tool_choice"), chat);
        for (String extension : extensions) {
            copy(params, extension, chat, extension);
        }
        if (request.stream()) {
            chat.put("stream", true);
            chat.putObject("stream_options").put("include_usage", true);
        }
        return chat;
    }

    private static void system(JsonNode system, ArrayNode messages) {
        if (system == null || system.isNull()) {
            return;
        }
        String text = system.isTextual() ? system.asText() : texts(system, "system");
        if (!text.isEmpty()) {
            messages.addObject().put("role", "system").put("content", text);
        }
    }

    private static void message(JsonNode message, ArrayNode messages) {
        String role = message.path("role").asText("");
        JsonNode content = message.path("content");
        if (!role.equals("user") && !role.equals("assistant")) {
            throw GatewayException.badRequest("messages: role must be user or assistant, not '" + role + "'");
        }
        if (content.isTextual()) {
            messages.addObject().put("role", role).put("content", content.asText());
        } else if (role.equals("assistant")) {
            assistant(content, messages);
        } else {
            user(content, messages);
        }
    }

    /** Text blocks joined as the content, tool_use blocks as tool calls, thinking dropped. */
    private static void assistant(JsonNode blocks, ArrayNode messages) {
        StringBuilder text = new StringBuilder();
        ArrayNode calls = Json.array();
        for (JsonNode block : blocks) {
            switch (block.path("type").asText("")) {
                case "text" -> text.append(block.path("text").asText(""));
                case "tool_use" -> {
                    ObjectNode call = calls.addObject();
                    call.put("id", block.path("id").asText(""));
                    call.put("type", "function");
                    call.putObject("function")
                            .put("name", block.path("name").asText(""))
                            .put("arguments", Json.text(block.has("input") ? block.get("input") : Json.object()));
                }
                case "thinking", "redacted_thinking" -> {}
                default -> throw unsupported(block, "assistant");
            }
        }
        ObjectNode out = messages.addObject().put("role", "assistant");
        if (text.length() > 0 || calls.isEmpty()) {
            out.put("content", text.toString());
        } else {
            out.putNull("content");
        }
        if (!calls.isEmpty()) {
            out.set("tool_calls", calls);
        }
    }

    /** tool_result blocks first, as tool messages; the other blocks as one user message after them. */
    private static void user(JsonNode blocks, ArrayNode messages) {
        ArrayNode parts = Json.array();
        for (JsonNode block : blocks) {
            switch (block.path("type").asText("")) {
                case "tool_result" -> toolResult(block, messages, parts);
                case "text" -> parts.addObject()
                        .put("type", "text")
                        .put("text", block.path("text").asText(""));
                case "image" -> parts.add(image(block));
                case "document" -> parts.add(document(block));
                default -> throw unsupported(block, "user");
            }
        }
        if (!parts.isEmpty()) {
            messages.addObject().put("role", "user").set("content", parts);
        }
    }

    /** The result's text as a tool message; its images follow in the user message. */
    private static void toolResult(JsonNode block, ArrayNode messages, ArrayNode userParts) {
        JsonNode content = block.path("content");
        StringBuilder text = new StringBuilder();
        if (content.isTextual()) {
            text.append(content.asText());
        } else {
            for (JsonNode part : content) {
                switch (part.path("type").asText("")) {
                    case "text" -> text.append(part.path("text").asText(""));
                    case "image" -> userParts.add(image(part));
                    default -> throw unsupported(part, "tool_result");
                }
            }
        }
        if (block.path("is_error").asBoolean(false)) {
            text.insert(0, "Error: ");
        }
        messages.addObject()
                .put("role", "tool")
                .put("tool_call_id", block.path("tool_use_id").asText(""))
                .put("content", text.toString());
    }

    /** An image block as an {@code image_url} part: a data URL for base64 sources. */
    private static ObjectNode image(JsonNode block) {
        JsonNode source = block.path("source");
        String url =
                switch (source.path("type").asText("")) {
                    case "base64" -> "data:" + source.path("media_type").asText("") + ";base64,"
                            + source.path("data").asText("");
                    case "url" -> source.path("url").asText("");
                    default -> throw GatewayException.badRequest("messages: an image source of type '"
                            + source.path("type").asText("")
                            + "' cannot be sent to this provider; send base64 data or a URL");
                };
        ObjectNode part = Json.object().put("type", "image_url");
        part.putObject("image_url").put("url", url);
        return part;
    }

    /** A base64 document (a PDF) as a {@code file} part. */
    private static ObjectNode document(JsonNode block) {
        JsonNode source = block.path("source");
        if (!source.path("type").asText("").equals("base64")) {
            throw GatewayException.badRequest("messages: a document source of type '"
                    + source.path("type").asText("") + "' cannot be sent to this provider; send base64 data");
        }
        ObjectNode part = Json.object().put("type", "file");
        part.putObject("file")
                .put(
                        "file_data",
                        "data:" + source.path("media_type").asText("") + ";base64,"
                                + source.path("data").asText(""));
        return part;
    }

    /** Custom tools as functions; Anthropic's server tools have no chat equivalent. */
    private static void tools(JsonNode tools, ObjectNode chat, String providerId) {
        if (!tools.isArray() || tools.isEmpty()) {
            return;
        }
        ArrayNode out = chat.putArray("tools");
        for (JsonNode tool : tools) {
            String type = tool.path("type").asText("custom");
            if (!type.equals("custom")) {
                throw GatewayException.badRequest("messages: the tool type '" + type
                        + "' is one of Anthropic's own tools, which " + providerId + " does not have");
            }
            ObjectNode function = out.addObject().put("type", "function").putObject("function");
            function.put("name", tool.path("name").asText(""));
            copy(tool, "description", function, "description");
            function.set(
                    "parameters",
                    tool.get("input_schema") instanceof ObjectNode schema
                            ? schema
                            : Json.object().put("type", "object"));
        }
    }

    /** auto, any (required), tool (a named function), none; disable_parallel_tool_use. */
    private static void toolChoice(JsonNode choice, ObjectNode chat) {
        if (choice == null || !choice.isObject()) {
            return;
        }
        switch (choice.path("type").asText("")) {
            case "auto" -> chat.put("tool_choice", "auto");
            case "any" -> chat.put("tool_choice", "required");
            case "none" -> chat.put("tool_choice", "none");
            case "tool" -> chat.putObject("tool_choice")
                    .put("type", "function")
                    .putObject("function")
                    .put("name", choice.path("name").asText(""));
            default -> throw GatewayException.badRequest(
                    "messages: tool_choice type '" + choice.path("type").asText("") + "' is not known");
        }
        if (choice.path("disable_parallel_tool_use").asBoolean(false) && chat.has("tools")) {
            chat.put("parallel_tool_calls", false);
        }
    }

    private static String texts(JsonNode blocks, String where) {
        StringBuilder text = new StringBuilder();
        for (JsonNode block : blocks) {
            if (!block.path("type").asText("").equals("text")) {
                throw unsupported(block, where);
            }
            if (text.length() > 0) {
                text.append('\n');
            }
            text.append(block.path("text").asText(""));
        }
        return text.toString();
    }

    private static GatewayException unsupported(JsonNode block, String where) {
        return GatewayException.badRequest("messages: a " + where + " content block of type '"
                + block.path("type").asText("") + "' cannot be translated for this provider");
    }

    private static void copy(JsonNode from, String field, ObjectNode to, String as) {
        JsonNode value = from.get(field);
        if (value != null && !value.isNull()) {
            to.set(as, value);
        }
    }
}
