package dev.aigateway.examples.fakes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aigateway.core.internal.Json;
import java.util.Optional;

/**
 * What the fake GPT-4o says to one Chat Completions request, as OpenAI's models behave with tools
 * and response formats:
 *
 * <ol>
 *   <li>after a tool result (the last message has role {@code tool}), it answers with that
 *       result: {@code GPT-4o (offline fake) called add, which answered: 6912};
 *   <li>with a {@code json_schema} response format, it answers JSON that fits the schema, filled
 *       from the prompt ({@link SchemaSample}), even when tools are offered too;
 *   <li>when the request offers {@code tools}, it calls the one {@code tool_choice} names, or the
 *       first, with arguments filled from the prompt;
 *   <li>otherwise it answers the prompt as {@link Replies#gpt4o} does; with a {@code json_object}
 *       response format, as {@code {"answer": "..."}}.
 * </ol>
 *
 * @param content the message text; empty for a tool call
 * @param toolCall the {@code tool_calls[0]} entry, {@code {"id", "type", "function": {"name",
 *     "arguments"}}}
 */
record AssistantTurn(String content, Optional<ObjectNode> toolCall) {

    static AssistantTurn answer(JsonNode body, String prompt, String callId) {
        JsonNode messages = body.path("messages");
        JsonNode last = messages.get(messages.size() - 1);
        if (last.path("role").asText().equals("tool")) {
            String tool = toolName(messages, last.path("tool_call_id").asText());
            return text("GPT-4o (offline fake) called " + tool + ", which answered: " + textOf(last.path("content")));
        }
        JsonNode format = body.path("response_format");
        if (format.path("type").asText().equals("json_schema")) {
            return text(Json.text(SchemaSample.fill(format.at("/json_schema/schema"), prompt)));
        }
        Optional<JsonNode> function = chosenFunction(body);
        if (function.isPresent()) {
            JsonNode arguments = SchemaSample.fill(function.get().path("parameters"), prompt);
            ObjectNode call = Json.object().put("id", callId).put("type", "function");
            call.putObject("function")
                    .put("name", function.get().path("name").asText())
                    .put("arguments", Json.text(arguments));
            return new AssistantTurn("", Optional.of(call));
        }
        if (format.path("type").asText().equals("json_object")) {
            return text(Json.text(Json.object().put("answer", Replies.gpt4o(prompt))));
        }
        return text(Replies.gpt4o(prompt));
    }

    String finishReason() {
        return toolCall.isPresent() ? "tool_calls" : "stop";
    }

    private static AssistantTurn text(String content) {
        return new AssistantTurn(content, Optional.empty());
    }

    /** The {@code function} of the tool named by {@code tool_choice}, or of the first tool. */
    private static Optional<JsonNode> chosenFunction(JsonNode body) {
        JsonNode tools = body.path("tools");
        if (!tools.isArray()
                || tools.isEmpty()
                || body.path("tool_choice").asText().equals("none")) {
            return Optional.empty();
        }
        String chosen = body.at("/tool_choice/function/name").asText("");
        for (JsonNode tool : tools) {
            if (chosen.isEmpty() || tool.at("/function/name").asText().equals(chosen)) {
                return Optional.of(tool.path("function"));
            }
        }
        return Optional.empty();
    }

    /** The name of the tool the assistant called with {@code id}, from the conversation. */
    private static String toolName(JsonNode messages, String id) {
        for (JsonNode message : messages) {
            for (JsonNode call : message.path("tool_calls")) {
                if (call.path("id").asText().equals(id)) {
                    return call.at("/function/name").asText();
                }
            }
        }
        return "a tool";
    }

    /** A content that is a string or a list of text parts. */
    static String textOf(JsonNode content) {
        if (content.isTextual()) {
            return content.asText();
        }
        StringBuilder text = new StringBuilder();
        content.forEach(part -> text.append(part.path("text").asText("")));
        return text.toString();
    }
}
