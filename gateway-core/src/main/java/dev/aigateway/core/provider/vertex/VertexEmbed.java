package dev.aigateway.core.provider.vertex;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aigateway.core.error.UnsupportedEndpointException;
import dev.aigateway.core.internal.ErrorBodies;
import dev.aigateway.core.internal.Json;
import dev.aigateway.core.provider.EmbeddingEncoding;
import dev.aigateway.core.provider.EndpointTransform;
import dev.aigateway.core.provider.NoStream;
import dev.aigateway.core.provider.ProviderRequest;
import dev.aigateway.core.provider.StreamTransform;
import dev.aigateway.core.provider.vertex.VertexModel.Publisher;
import java.util.List;

/**
 * OpenAI embeddings on Vertex AI's text embedding models ({@code text-embedding-005},
 * {@code text-multilingual-embedding-002}, {@code gemini-embedding-001}) through
 * {@code publishers/google/models/<model>:predict}: one instance per text
 * ({@code {"content", "task_type"?, "title"?}}), {@code dimensions} as
 * {@code parameters.outputDimensionality}. The answer's vectors come back in order, and the usage is
 * the sum of the instances' {@code statistics.token_count}. Vertex returns floats only;
 * {@code encoding_format: "base64"} is encoded here ({@link EmbeddingEncoding}). Other publishers'
 * models have no embeddings here: a 400 that lets a fallback move on.
 */
final class VertexEmbed implements EndpointTransform {
    @Override
    public Binding bind(ProviderRequest request) {
        if (VertexModel.of(request).publisher() != Publisher.GOOGLE) {
            throw new UnsupportedEndpointException("embed is supported by vertex-ai for Google's models only");
        }
        return new Binding(this, request);
    }

    @Override
    public JsonNode request(ProviderRequest request) {
        List<String> texts = EmbeddingEncoding.texts(request);
        ObjectNode body = Json.object();
        ArrayNode instances = body.putArray("instances");
        JsonNode taskType = request.params().get("task_type");
        JsonNode title = request.params().get("title");
        for (String text : texts) {
            ObjectNode instance = instances.addObject().put("content", text);
            if (taskType != null && taskType.isTextual()) {
                instance.set("task_type", taskType);
            }
            if (title != null && title.isTextual()) {
                instance.set("title", title);
            }
        }
        JsonNode dimensions = request.params().get("dimensions");
        if (dimensions != null && dimensions.canConvertToInt()) {
            body.putObject("parameters").set("outputDimensionality", dimensions);
        }
        return body;
    }

    @Override
    public JsonNode response(JsonNode providerBody, ProviderRequest request) {
        JsonNode predictions = providerBody.path("predictions");
        if (!predictions.isArray()) {
            return ErrorBodies.openAi(
                    "Invalid response received from " + request.providerId() + ": " + Json.text(providerBody),
                    null,
                    null,
                    null,
                    request.providerId());
        }
        ArrayNode vectors = Json.array();
        long tokens = 0;
        for (JsonNode prediction : predictions) {
            JsonNode embeddings = prediction.path("embeddings");
            vectors.add(embeddings.path("values"));
            tokens += embeddings.path("statistics").path("token_count").asLong(0);
        }
        return EmbeddingEncoding.list(vectors, VertexModel.of(request).name(), tokens, request);
    }

    @Override
    public ObjectNode error(int status, byte[] body, ProviderRequest request) {
        return VertexErrors.envelope(status, body, request);
    }

    @Override
    public StreamTransform stream(ProviderRequest request) {
        return NoStream.INSTANCE;
    }
}
