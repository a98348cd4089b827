package dev.aigateway.core.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aigateway.core.internal.ErrorBodies;
import dev.aigateway.core.internal.Json;
import java.nio.charset.StandardCharsets;

/** Maps provider error bodies into the OpenAI error envelope, as Portkey's error generators do. */
public final class ProviderErrors {
    private static final int MAX_RAW_MESSAGE = 1000;

    private ProviderErrors() {}

    /**
     * For upstreams that answer in OpenAI's shape ({@code {"error":{message,type,param,code}}}) or a
     * near relative: the message gets the {@code "<provider> error: "} prefix and the other fields
     * are kept. Also understood: {@code {"error":"<text>","code":...}} (xAI, Together), a flat
     * {@code {message,type,param,code}} (Mistral, DeepSeek, OpenRouter) and FastAPI's
     * {@code {"detail":...}} (self-hosted servers, DeepInfra), with Hugging Face's {@code error_type}
     * as the type. A message that is not text (Mistral's validation
     * details) is kept as its JSON text. A body in any other shape becomes an envelope whose message
     * is the body's text.
     */
    public static ObjectNode openAiStyle(String provider, int status, byte[] body) {
        JsonNode json = Json.parseOrNull(body);
        JsonNode error = json == null ? null : json.get("error");
        String prefix = provider + " error: ";
        if (error != null && error.isObject()) {
            return ErrorBodies.openAi(
                    prefix + text(error.get("message")),
                    Json.textOrNull(error, "type"),
                    Json.textOrNull(error, "param"),
                    code(error),
                    provider);
        }
        if (error != null && error.isTextual()) {
            // Hugging Face names the kind of error beside it.
            return ErrorBodies.openAi(
                    prefix + error.asText(), Json.textOrNull(json, "error_type"), null, code(json), provider);
        }
        if (json != null && json.hasNonNull("message")) {
            return ErrorBodies.openAi(
                    prefix + text(json.get("message")),
                    Json.textOrNull(json, "type"),
                    Json.textOrNull(json, "param"),
                    code(json),
                    provider);
        }
        if (json != null && json.hasNonNull("detail")) {
            return ErrorBodies.openAi(prefix + detail(json.get("detail")), null, null, null, provider);
        }
        return ErrorBodies.openAi(prefix + rawText(status, body), null, null, null, provider);
    }

    /**
     * FastAPI's {@code detail}: a text, an object with an {@code error} text (DeepInfra), or a
     * validation list of {@code {loc, msg}} read as {@code "body.messages: field required"}.
     */
    private static String detail(JsonNode detail) {
        if (detail.isObject() && detail.path("error").isTextual()) {
            return detail.get("error").asText();
        }
        if (detail.isArray() && !detail.isEmpty() && detail.get(0).path("msg").isTextual()) {
            StringBuilder out = new StringBuilder();
            for (JsonNode item : detail) {
                if (out.length() > 0) {
                    out.append("; ");
                }
                StringBuilder location = new StringBuilder();
                for (JsonNode part : item.path("loc")) {
                    location.append(location.length() == 0 ? "" : ".").append(part.asText());
                }
                if (location.length() > 0) {
                    out.append(location).append(": ");
                }
                out.append(item.path("msg").asText(""));
            }
            return out.toString();
        }
        return text(detail);
    }

    private static String text(JsonNode node) {
        if (node == null || node.isNull()) {
            return "";
        }
        return node.isTextual() ? node.asText() : Json.text(node);
    }

    private static JsonNode code(JsonNode node) {
        JsonNode code = node.get("code");
        return code == null || code.isNull() ? null : code;
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
