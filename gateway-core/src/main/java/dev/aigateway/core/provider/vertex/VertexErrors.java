package dev.aigateway.core.provider.vertex;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aigateway.core.internal.ErrorBodies;
import dev.aigateway.core.internal.Json;
import dev.aigateway.core.provider.ProviderErrors;
import dev.aigateway.core.provider.ProviderRequest;
import dev.aigateway.core.provider.google.GeminiChatTransform;

/**
 * Vertex AI's error bodies in the OpenAI envelope, with the upstream status kept (Vertex sets it as
 * Google's APIs do: 400 {@code INVALID_ARGUMENT}, 401 {@code UNAUTHENTICATED}, 403
 * {@code PERMISSION_DENIED}, 404 {@code NOT_FOUND}, 429 {@code RESOURCE_EXHAUSTED}, 503
 * {@code UNAVAILABLE}, ...). Every publisher can answer in Google's shape
 * ({@code {"error":{"code","message","status"}}}, also wrapped in an array): the platform answers
 * quota, permission and routing errors itself. Anthropic's models may also answer in Anthropic's
 * shape ({@code {"type":"error","error":{"type","message"}}}), and the OpenAI-compatible endpoint in
 * OpenAI's. Each becomes {@code {"error":{"message":"vertex-ai error: ...","type","param","code"},
 * "provider":"vertex-ai"}}: Google's {@code status} or Anthropic's error type as {@code type}.
 */
final class VertexErrors {
    private VertexErrors() {}

    static ObjectNode envelope(int status, byte[] body, ProviderRequest request) {
        JsonNode json = Json.parseOrNull(body);
        if (json != null && json.isArray() && json.size() > 0) {
            json = json.get(0);
        }
        JsonNode error = json == null ? null : json.get("error");
        if (error != null
                && error.isObject()
                && (error.has("status") || error.path("code").isInt())) {
            return GeminiChatTransform.errorEnvelope(status, Json.bytes(json), request);
        }
        if (json != null && "error".equals(json.path("type").asText()) && error != null && error.isObject()) {
            return ErrorBodies.openAi(
                    request.providerId() + " error: " + error.path("message").asText(""),
                    Json.textOrNull(error, "type"),
                    null,
                    null,
                    request.providerId());
        }
        return ProviderErrors.openAiStyle(request.providerId(), status, body);
    }
}
