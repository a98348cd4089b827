package dev.aigateway.core.provider.anthropic;

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
 * Anthropic's model list and model ({@code GET /v1/models}, {@code /v1/models/{id}}) in OpenAI's
 * shape: {@code {"type":"model","id","created_at",...}} becomes
 * {@code {"id","object":"model","created","owned_by":"anthropic"}}.
 */
final class AnthropicModels implements EndpointTransform {
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
        for (JsonNode model : providerBody.path("data")) {
            models.add(model(model));
        }
        return OpenAiModels.list(models);
    }

    private static ObjectNode model(JsonNode model) {
        return OpenAiModels.model(
                model.path("id").asText(),
                OpenAiModels.epochSeconds(model.path("created_at").asText("")),
                AnthropicProvider.ID);
    }

    @Override
    public ObjectNode error(int status, byte[] body, ProviderRequest request) {
        return AnthropicChatCompleteResponse.error(status, body, request);
    }

    @Override
    public StreamTransform stream(ProviderRequest request) {
        throw new IllegalStateException("model lists are not streamed");
    }
}
