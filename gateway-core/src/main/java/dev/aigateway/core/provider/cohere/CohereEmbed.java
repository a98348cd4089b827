package dev.aigateway.core.provider.cohere;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aigateway.core.internal.ErrorBodies;
import dev.aigateway.core.internal.Json;
import dev.aigateway.core.provider.EmbeddingEncoding;
import dev.aigateway.core.provider.EndpointTransform;
import dev.aigateway.core.provider.NoStream;
import dev.aigateway.core.provider.ProviderRequest;
import dev.aigateway.core.provider.StreamTransform;

/**
 * OpenAI embeddings to and from Cohere's {@code POST /v2/embed}.
 *
 * <ul>
 *   <li>{@code input} (a string or strings) → {@code texts}; token arrays are a 400.
 *   <li>{@code input_type} (Cohere's, sent by OpenAI clients as an extra body field:
 *       {@code search_document}, {@code search_query}, {@code classification}, {@code clustering})
 *       → {@code input_type}, {@value #DEFAULT_INPUT_TYPE} when absent: Cohere's v3 and later
 *       models refuse a request without one, and OpenAI clients never send it.
 *   <li>{@code dimensions} → {@code output_dimension}; {@code truncate} and {@code max_tokens}
 *       pass.
 *   <li>{@code embedding_types} is always {@code ["float"]}; with {@code encoding_format: base64}
 *       (openai-java's default) the floats are encoded here, as OpenAI encodes them. Portkey asks
 *       Cohere for its own base64 type instead and answers with no vectors at all.
 * </ul>
 *
 * The answer is OpenAI's {@code list} of {@code embedding}s with the request's model and
 * {@code usage.prompt_tokens} from Cohere's {@code meta}.
 */
final class CohereEmbed implements EndpointTransform {
    static final String DEFAULT_INPUT_TYPE = "search_document";

    @Override
    public JsonNode request(ProviderRequest request) {
        ObjectNode params = request.params();
        ObjectNode body = Json.object();
        if (params.hasNonNull("model")) {
            body.set("model", params.get("model"));
        }
        ArrayNode texts = body.putArray("texts");
        EmbeddingEncoding.texts(request).forEach(texts::add);
        body.put("input_type", params.path("input_type").asText(DEFAULT_INPUT_TYPE));
        body.putArray("embedding_types").add(EmbeddingEncoding.FLOAT);
        JsonNode dimensions =
                params.hasNonNull("dimensions") ? params.get("dimensions") : params.get("output_dimension");
        if (dimensions != null && !dimensions.isNull()) {
            body.set("output_dimension", dimensions);
        }
        for (String field : new String[] {"truncate", "max_tokens"}) {
            if (params.hasNonNull(field)) {
                body.set(field, params.get(field));
            }
        }
        return body;
    }

    @Override
    public JsonNode response(JsonNode providerBody, ProviderRequest request) {
        JsonNode embeddings = providerBody.path("embeddings");
        JsonNode vectors = embeddings.isArray() ? embeddings : embeddings.path("float");
        if (!vectors.isArray()) {
            return ErrorBodies.openAi(
                    "Invalid response received from " + CohereProvider.ID + ": no float embeddings",
                    null,
                    null,
                    null,
                    CohereProvider.ID);
        }
        CohereUsage usage = CohereUsage.from(providerBody.path("meta"));
        return EmbeddingEncoding.list(vectors, request.model(), usage.input(), request);
    }

    @Override
    public ObjectNode error(int status, byte[] body, ProviderRequest request) {
        return CohereChatCompleteResponse.error(status, body);
    }

    @Override
    public int errorStatus(int status, byte[] body, ProviderRequest request) {
        return CohereChatCompleteResponse.errorStatus(status);
    }

    @Override
    public StreamTransform stream(ProviderRequest request) {
        return NoStream.INSTANCE;
    }
}
