package dev.aigateway.core.provider.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aigateway.core.error.GatewayException;
import dev.aigateway.core.internal.Json;
import dev.aigateway.core.provider.EmbeddingEncoding;
import dev.aigateway.core.provider.ProviderRequest;
import java.util.ArrayList;
import java.util.List;

/**
 * OpenAI embeddings through a model's own {@code invoke} API, for the two families Bedrock serves:
 *
 * <ul>
 *   <li>Amazon Titan ({@code amazon.titan-embed-*}): one text per call as {@code inputText}, with
 *       {@code dimensions} (and Titan's {@code normalize}) passed on; several inputs are a 400.
 *   <li>Cohere ({@code cohere.embed-*}): {@code texts}, with {@code input_type} (default
 *       {@code search_document}, as Portkey) and {@code truncate} passed on.
 * </ul>
 *
 * The answer is OpenAI's {@code list} of {@code embedding}s. With {@code encoding_format: "base64"}
 * (openai-java's default) each vector is sent as little-endian 32-bit floats in base64, as OpenAI
 * sends it; Bedrock only returns floats.
 */
final class BedrockEmbed {
    private BedrockEmbed() {}

    static ObjectNode request(ProviderRequest request) {
        ObjectNode params = request.params();
        List<String> inputs = EmbeddingEncoding.texts(request);
        ObjectNode body = Json.object();
        if (isCohere(request)) {
            ArrayNode texts = body.putArray("texts");
            inputs.forEach(texts::add);
            body.put("input_type", params.path("input_type").asText("search_document"));
            if (params.hasNonNull("truncate")) {
                body.set("truncate", params.get("truncate"));
            }
            return body;
        }
        if (inputs.size() != 1) {
            throw GatewayException.badRequest(
                    "bedrock: Titan embedding models take one input per request, not " + inputs.size());
        }
        body.put("inputText", inputs.get(0));
        if (params.hasNonNull("dimensions")) {
            body.set("dimensions", params.get("dimensions"));
        }
        if (params.hasNonNull("normalize")) {
            body.set("normalize", params.get("normalize"));
        }
        return body;
    }

    static JsonNode response(JsonNode body, ProviderRequest request) {
        List<JsonNode> vectors = new ArrayList<>();
        long tokens = 0;
        if (body.has("embedding")) {
            vectors.add(body.get("embedding"));
            tokens = body.path("inputTextTokenCount").asLong(0);
        } else {
            JsonNode embeddings = body.path("embeddings");
            (embeddings.isObject() ? embeddings.path("float") : embeddings).forEach(vectors::add);
        }
        return EmbeddingEncoding.list(vectors, request.model(), tokens, request);
    }

    private static boolean isCohere(ProviderRequest request) {
        return request.model().contains("cohere.");
    }
}
