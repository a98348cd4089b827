package dev.aigateway.core.provider.translate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aigateway.core.format.MessagesFormat;
import dev.aigateway.core.internal.Json;
import dev.aigateway.core.provider.ProviderRequest;
import java.util.Set;

/**
 * Anthropic's Messages API over chat completions. An answer is one assistant message: its text as
 * a text block, each tool call as a {@code tool_use} block with the arguments parsed, the finish
 * reason as Anthropic's {@code stop_reason} and the usage in Anthropic's fields (cached prompt
 * tokens as {@code cache_read_input_tokens}, which Anthropic keeps out of {@code input_tokens}).
 * Errors take Anthropic's shape with the type Anthropic uses for the status.
 */
final class MessagesDialect implements Dialect {
    @Override
    public ObjectNode toChat(ProviderRequest request, Set<String> extensions) {
        return MessagesRequests.toChat(request, extensions);
    }

    @Override
    public JsonNode fromChat(JsonNode chat, ProviderRequest request) {
        if (!(chat.get("choices") instanceof ArrayNode choices) || choices.isEmpty()) {
            return chat;
        }
        JsonNode choice = choices.get(0);
        JsonNode message = choice.path("message");
        ObjectNode out = Json.object();
        out.put("id", messageId(chat.path("id").asText(""), request));
        out.put("type", "message");
        out.put("role", "assistant");
        out.put("model", chat.path("model").asText(request.model()));
        ArrayNode content = out.putArray("content");
        String text = ChatText.of(message.path("content"));
        if (!text.isEmpty()) {
            content.addObject().put("type", "text").put("text", text);
        }
        for (JsonNode call : message.path("tool_calls")) {
            ObjectNode block = content.addObject().put("type", "tool_use");
            block.put("id", call.path("id").asText(""));
            block.put("name", call.path("function").path("name").asText(""));
            block.set(
                    "input",
                    ChatText.arguments(call.path("function").path("arguments").asText("")));
        }
        if (content.isEmpty()) {
            content.addObject().put("type", "text").put("text", "");
        }
        out.put("stop_reason", stopReason(choice.path("finish_reason").asText("stop")));
        out.putNull("stop_sequence");
        out.set("usage", usage(chat.path("usage")));
        return out;
    }

    @Override
    public ObjectNode error(int status, ObjectNode envelope) {
        return MessagesFormat.error(MessagesFormat.errorType(status), ChatChunkReader.message(envelope));
    }

    @Override
    public ChatStreamWriter streamWriter(ProviderRequest request) {
        return new MessagesEvents(request);
    }

    /** The chat completion's id, or a fresh one in Anthropic's style when it has none. */
    static String messageId(String chatId, ProviderRequest request) {
        return chatId.isEmpty() ? "msg_" + request.context().newId() : chatId;
    }

    /** OpenAI's finish_reason as Anthropic's stop_reason. */
    static String stopReason(String finishReason) {
        return switch (finishReason) {
            case "length" -> "max_tokens";
            case "tool_calls", "function_call" -> "tool_use";
            case "content_filter" -> "refusal";
            default -> "end_turn";
        };
    }

    /** Chat usage in Anthropic's fields; absent counts are 0. */
    static ObjectNode usage(JsonNode chatUsage) {
        long prompt = chatUsage.path("prompt_tokens").asLong(0);
        long cached =
                chatUsage.path("prompt_tokens_details").path("cached_tokens").asLong(0);
        ObjectNode usage = Json.object();
        usage.put("input_tokens", Math.max(0, prompt - cached));
        usage.put("output_tokens", chatUsage.path("completion_tokens").asLong(0));
        usage.put("cache_creation_input_tokens", 0);
        usage.put("cache_read_input_tokens", cached);
        return usage;
    }
}
