package dev.aigateway.core.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aigateway.core.error.ErrorBodies;
import dev.aigateway.core.json.Json;
import java.nio.charset.StandardCharsets;

/** Maps provider error bodies into the OpenAI error envelope, as Portkey's error generators do. */
public final class ProviderErrors {
    private static final int MAX_RAW_MESSAGE = 1000;

    private ProviderErrors() {}

    /**
     * For upstreams that already answer in OpenAI's shape ({@code {"error":{message,type,param,code}}}):
     * the message gets the {@code "<provider> error: "} prefix and the other fields are kept. A body
     * in any other shape becomes an envelope whose message is the body's text.
     */
    public static ObjectNode openAiStyle(String provider, int status, byte[] body) {
        JsonNode json = Json.parseOrNull(body);
        JsonNode error = json == null ? null : json.get("error");
        if (error != null && error.isObject()) {
            return ErrorBodies.openAi(
                    provider + " error: " + error.path("message").asText(""),
                    Json.textOrNull(error, "type"),
                    Json.textOrNull(error, "param"),
                    error.get("code") == null || error.get("code").isNull() ? null : error.get("code"),
                    provider);
        }
        if (error != null && error.isTextual()) {
            return ErrorBodies.openAi(provider + " error: " + error.asText(), null, null, null, provider);
        }
        if (json != null && json.hasNonNull("message")) {
            return ErrorBodies.openAi(
                    provider + " error: " + json.get("message").asText(), null, null, null, provider);
        }
        return ErrorBodies.openAi(provider + " error: " + rawText(status, body), null, null, null, provider);
    }

    /** The body as text, shortened, or the status when the body is empty. */
    public static String rawText(int status, byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8).strip();
        if (text.isEmpty()) {
            return "HTTP " + status + " with an empty body";
        }
        return text.length() > MAX_RAW_MESSAGE ? text.substring(0, MAX_RAW_MESSAGE) + "..." : text;
    }
}
