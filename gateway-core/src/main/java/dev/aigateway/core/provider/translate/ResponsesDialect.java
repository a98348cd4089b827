package dev.aigateway.core.provider.translate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aigateway.core.provider.ProviderRequest;
import java.util.Set;

/**
 * OpenAI's Responses API over chat completions. An answer is a {@code response} whose output holds
 * a message item (the text as {@code output_text}) and a {@code function_call} item per tool call;
 * a chat answer cut by its token limit is {@code incomplete}. Errors keep OpenAI's envelope, as
 * OpenAI's Responses errors are the same as its chat errors.
 */
final class ResponsesDialect implements Dialect {
    @Override
    public ObjectNode toChat(ProviderRequest request, Set<String> extensions) {
        return ResponsesRequests.toChat(request);
    }

    @Override
    public JsonNode fromChat(JsonNode chat, ProviderRequest request) {
        if (!(chat.get("choices") instanceof ArrayNode choices) || choices.isEmpty()) {
            return chat;
        }
        JsonNode choice = choices.get(0);
        JsonNode message = choice.path("message");
        ObjectNode response = ResponseObject.skeleton(
                request, "resp_" + request.context().newId(), chat.path("model").asText(""), "completed");
        ArrayNode output = (ArrayNode) response.get("output");
        String text = ChatText.of(message.path("content"));
        JsonNode calls = message.path("tool_calls");
        if (!text.isEmpty() || calls.isEmpty()) {
            output.add(ResponseObject.message("msg_" + request.context().newId(), text, "completed"));
        }
        for (JsonNode call : calls) {
            JsonNode function = call.path("function");
            output.add(ResponseObject.functionCall(
                    "fc_" + request.context().newId(),
                    call.path("id").asText(""),
                    function.path("name").asText(""),
                    function.path("arguments").asText(""),
                    "completed"));
        }
        ResponseObject.finish(response, choice.path("finish_reason").asText("stop"));
        response.set("usage", ResponseObject.usage(chat.path("usage")));
        return response;
    }

    @Override
    public ObjectNode error(int status, ObjectNode envelope) {
        return envelope;
    }

    @Override
    public ChatStreamWriter streamWriter(ProviderRequest request) {
        return new ResponsesEvents(request);
    }
}
