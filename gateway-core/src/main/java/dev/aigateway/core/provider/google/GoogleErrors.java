package dev.aigateway.core.provider.google;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.aigateway.core.internal.ErrorBodies;
import dev.aigateway.core.internal.Json;
import dev.aigateway.core.provider.ProviderErrors;
import dev.aigateway.core.provider.ProviderRequest;
import java.util.Optional;

/**
 * Gemini errors in the OpenAI envelope. Gemini's body {@code {"error":{"code":400,"message":...,
 * "status":"INVALID_ARGUMENT","details":[...]}}} becomes {@code {"error":{"message":"google error:
 * <message>","type":"<status>","param":null,"code":"<code>"},"provider":"google"}}.
 *
 * <p>{@code code} is written as a string: OpenAI's {@code code} is a string and typed SDKs parse it
 * as one (Portkey copies Gemini's number). {@code details} are not copied. The API key is masked in
 * every message, although Gemini does not echo it.
 */
final class GoogleErrors {
    private static final int MIN_KEY_TO_MASK = 8;

    private GoogleErrors() {}

    /** The envelope for a non-2xx answer; {@code body} may be JSON, a JSON array, text or empty. */
    static ObjectNode fromBody(int status, byte[] body, ProviderRequest request) {
        JsonNode json = Json.parseOrNull(body);
        // streamGenerateContent without alt=sse wraps its error in a one-element array.
        if (json != null && json.isArray() && json.size() > 0) {
            json = json.get(0);
        }
        if (isGoogleError(json)) {
            return fromError(json.get("error"), request);
        }
        ObjectNode envelope = ProviderErrors.openAiStyle(request.providerId(), status, body);
        ObjectNode error = (ObjectNode) envelope.get("error");
        error.put(
                "message",
                mask(error.path("message").asText(), request.options().apiKey()));
        return envelope;
    }

    /** True for Gemini's {@code {"error":{...}}}, also when it arrives inside a stream. */
    static boolean isGoogleError(JsonNode json) {
        return json != null && json.path("error").isObject();
    }

    /** The envelope for Gemini's {@code error} object. */
    static ObjectNode fromError(JsonNode error, ProviderRequest request) {
        String message =
                mask(error.path("message").asText(""), request.options().apiKey());
        JsonNode code = error.get("code");
        return ErrorBodies.openAi(
                request.providerId() + " error: " + message,
                Json.textOrNull(error, "status"),
                null,
                code == null || code.isNull() ? null : TextNode.valueOf(code.asText()),
                request.providerId());
    }

    private static String mask(String message, Optional<String> apiKey) {
        return apiKey.filter(key -> key.length() >= MIN_KEY_TO_MASK)
                .map(key -> message.replace(key, "***"))
                .orElse(message);
    }
}
