package dev.aigateway.core.provider.translate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aigateway.core.internal.Json;

/** Reading a chat message's parts the way both translated APIs need them. */
final class ChatText {
    private ChatText() {}

    /** A message's text: the string, or its text parts joined. */
    static String of(JsonNode content) {
        if (content.isTextual()) {
            return content.asText();
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode part : content) {
            if (part.path("text").isTextual()) {
                text.append(part.path("text").asText());
            }
        }
        return text.toString();
    }

    /**
     * A tool call's arguments as JSON: the object they hold; text that is not a JSON object (a cut
     * or a model's slip) is kept under {@code _raw} rather than lost.
     */
    static ObjectNode arguments(String arguments) {
        if (arguments.isBlank()) {
            return Json.object();
        }
        JsonNode parsed = Json.parseOrNull(arguments.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return parsed instanceof ObjectNode object ? object : Json.object().put("_raw", arguments);
    }
}
