package dev.aigateway.core.provider.translate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aigateway.core.error.GatewayException;
import dev.aigateway.core.internal.Json;

/**
 * Responses input items as chat messages: a message item (typed or not) with its parts, a
 * {@code function_call} as a tool call of the assistant message before it (consecutive calls share
 * one message, as chat completions want), a {@code function_call_output} as a tool message.
 */
final class ResponsesItems {
    private ResponsesItems() {}

    static void add(JsonNode item, ArrayNode messages, String provider) {
        String type = item.path("type").asText(item.has("role") ? "message" : "");
        switch (type) {
            case "message" -> message(item, messages, provider);
            case "function_call" -> functionCall(item, messages);
            case "function_call_output" -> messages.addObject()
                    .put("role", "tool")
                    .put("tool_call_id", item.path("call_id").asText(""))
                    .put("content", outputText(item.path("output")));
            case "reasoning" -> {}
            case "item_reference" -> throw GatewayException.badRequest("input: item_reference needs a provider that"
                    + " stores responses (openai, azure-openai); " + provider + " cannot honour it");
            default -> throw GatewayException.badRequest(
                    "input: an item of type '" + type + "' cannot be translated for " + provider);
        }
    }

    private static void message(JsonNode item, ArrayNode messages, String provider) {
        String role = item.path("role").asText("user");
        JsonNode content = item.path("content");
        ObjectNode message = messages.addObject().put("role", role);
        if (content.isTextual()) {
            message.put("content", content.asText());
        } else if (role.equals("user")) {
            ArrayNode parts = message.putArray("content");
            for (JsonNode part : content) {
                parts.add(part(part, provider));
            }
        } else {
            // system, developer and assistant turns: their text (chat takes no images there)
            message.put("content", ChatText.of(content) + refusals(content));
        }
    }

    private static String refusals(JsonNode content) {
        StringBuilder text = new StringBuilder();
        for (JsonNode part : content) {
            if (part.path("refusal").isTextual()) {
                text.append(part.path("refusal").asText());
            }
        }
        return text.toString();
    }

    private static ObjectNode part(JsonNode part, String provider) {
        String type = part.path("type").asText("");
        switch (type) {
            case "input_text", "output_text", "text" -> {
                return Json.object()
                        .put("type", "text")
                        .put("text", part.path("text").asText(""));
            }
            case "input_image" -> {
                if (!part.path("image_url").isTextual()) {
                    throw byReference("an input_image by file_id", provider);
                }
                ObjectNode image = Json.object().put("type", "image_url");
                ObjectNode url = image.putObject("image_url")
                        .put("url", part.path("image_url").asText());
                ResponsesRequests.copy(part, "detail", url, "detail");
                return image;
            }
            case "input_file" -> {
                if (!part.path("file_data").isTextual()) {
                    throw byReference("an input_file by file_id or URL", provider);
                }
                ObjectNode file = Json.object().put("type", "file");
                ObjectNode fields = file.putObject("file")
                        .put("file_data", part.path("file_data").asText());
                ResponsesRequests.copy(part, "filename", fields, "filename");
                return file;
            }
            default -> throw GatewayException.badRequest(
                    "input: a content part of type '" + type + "' cannot be translated for " + provider);
        }
    }

    private static GatewayException byReference(String what, String provider) {
        return GatewayException.badRequest("input: " + what + " needs OpenAI's file storage, which " + provider
                + " does not have; send the data inline");
    }

    /** Joins the call to the assistant message just before it, or starts one. */
    private static void functionCall(JsonNode item, ArrayNode messages) {
        JsonNode last = messages.isEmpty() ? null : messages.get(messages.size() - 1);
        ObjectNode assistant;
        if (last instanceof ObjectNode previous
                && previous.path("role").asText().equals("assistant")) {
            assistant = previous;
        } else {
            assistant = messages.addObject().put("role", "assistant");
            assistant.putNull("content");
        }
        ArrayNode calls =
                assistant.get("tool_calls") instanceof ArrayNode existing ? existing : assistant.putArray("tool_calls");
        ObjectNode call = calls.addObject();
        call.put("id", item.path("call_id").asText(""));
        call.put("type", "function");
        call.putObject("function")
                .put("name", item.path("name").asText(""))
                .put("arguments", item.path("arguments").asText("{}"));
    }

    /** A function's output: its text, or its text parts joined. */
    private static String outputText(JsonNode output) {
        return output.isTextual() ? output.asText() : ChatText.of(output);
    }
}
