package dev.aigateway.core.provider.google;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aigateway.core.Endpoint;
import dev.aigateway.core.internal.Json;
import dev.aigateway.core.provider.EndpointTransform;
import dev.aigateway.core.provider.OpenAiModels;
import dev.aigateway.core.provider.ProviderRequest;
import dev.aigateway.core.provider.StreamTransform;

/**
 * Gemini's model list and model ({@code GET /v1beta/models}, {@code /v1beta/models/{model}}) in
 * OpenAI's shape: {@code {"name":"models/gemini-2.0-flash",...}} becomes
 * {@code {"id":"gemini-2.0-flash","object":"model","created":0,"owned_by":"google"}} (Gemini
 * gives no creation time).
 */
final class GoogleModels implements EndpointTransform {
    private static final String PREFIX = "models/";

    @Override
    public JsonNode request(ProviderRequest request) {
        return request.params();
    }

    @Override
    public JsonNode response(JsonNode providerBody, ProviderRequest request) {
        if (request.endpoint() == Endpoint.RETRIEVE_MODEL) {
            return model(providerBody);
        }
        ArrayNode models = Json.array();
        for (JsonNode model : providerBody.path("models")) {
            models.add(model(model));
        }
        return OpenAiModels.list(models);
    }

    private static ObjectNode model(JsonNode model) {
        String name = model.path("name").asText();
        return OpenAiModels.model(
                name.startsWith(PREFIX) ? name.substring(PREFIX.length()) : name, 0, GoogleProvider.ID);
    }

    @Override
    public ObjectNode error(int status, byte[] body, ProviderRequest request) {
        return GoogleErrors.fromBody(status, body, request);
    }

    @Override
    public StreamTransform stream(ProviderRequest request) {
        throw new IllegalStateException("model lists are not streamed");
    }
}
