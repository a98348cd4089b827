package dev.aigateway.core.provider.google;

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
import java.util.List;

/**
 * OpenAI embeddings on AI Studio: one text goes to {@code embedContent}, a list to
 * {@code batchEmbedContents} (one request per text, so each text gets its own vector; Portkey sends
 * a list as the parts of one content and gets one vector back). {@code dimensions} becomes
 * {@code outputDimensionality} and Portkey's {@code task_type} becomes {@code taskType}. Gemini
 * returns floats only; {@code encoding_format: "base64"} is encoded here
 * ({@link EmbeddingEncoding}). Usage is Gemini's {@code usageMetadata} when it sends one, else 0.
 */
final class GoogleEmbed implements EndpointTransform {
    @Override
    public JsonNode request(ProviderRequest request) {
        List<String> texts = EmbeddingEncoding.texts(request);
        if (texts.size() == 1 && request.params().path("input").isTextual()) {
            return content(texts.get(0), request);
        }
        ObjectNode body = Json.object();
        ArrayNode requests = body.putArray("requests");
        String model = "models/" + GoogleApi.modelName(request);
        for (String text : texts) {
            requests.addObject().put("model", model).setAll(content(text, request));
        }
        return body;
    }

    /** One {@code EmbedContentRequest}: the text, and the options the caller gave. */
    private static ObjectNode content(String text, ProviderRequest request) {
        ObjectNode body = Json.object();
        body.putObject("content").putArray("parts").addObject().put("text", text);
        JsonNode taskType = request.params().get("task_type");
        if (taskType != null && taskType.isTextual()) {
            body.set("taskType", taskType);
        }
        JsonNode dimensions = request.params().get("dimensions");
        if (dimensions != null && dimensions.canConvertToInt()) {
            body.set("outputDimensionality", dimensions);
        }
        return body;
    }

    @Override
    public JsonNode response(JsonNode providerBody, ProviderRequest request) {
        ArrayNode vectors = Json.array();
        if (providerBody.path("embedding").path("values").isArray()) {
            vectors.add(providerBody.path("embedding").path("values"));
        } else if (providerBody.path("embeddings").isArray()) {
            providerBody.path("embeddings").forEach(embedding -> vectors.add(embedding.path("values")));
        } else {
            return ErrorBodies.openAi(
                    "Invalid response received from " + request.providerId() + ": " + Json.text(providerBody),
                    null,
                    null,
                    null,
                    request.providerId());
        }
        long tokens =
                providerBody.path("usageMetadata").path("promptTokenCount").asLong(0);
        return EmbeddingEncoding.list(vectors, GoogleApi.modelName(request), tokens, request);
    }

    @Override
    public ObjectNode error(int status, byte[] body, ProviderRequest request) {
        return GoogleErrors.fromBody(status, body, request);
    }

    @Override
    public StreamTransform stream(ProviderRequest request) {
        return NoStream.INSTANCE;
    }
}
