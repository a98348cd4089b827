package dev.aigateway.core.provider.openaicompat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aigateway.core.provider.EmbeddingEncoding;
import dev.aigateway.core.provider.EndpointTransform;
import dev.aigateway.core.provider.NoStream;
import dev.aigateway.core.provider.ProviderErrors;
import dev.aigateway.core.provider.ProviderRequest;
import dev.aigateway.core.provider.StreamTransform;

/**
 * Embeddings on an OpenAI-compatible provider. The provider is always asked for floats
 * ({@code encoding_format} is not sent: several of these APIs accept only {@code float}, and the
 * base64 of those that have one is not always OpenAI's layout); when the caller asked for
 * {@code base64}, as openai-java does by default, the floats are encoded here
 * ({@link EmbeddingEncoding}). The route's renames and exclusions apply; everything else passes
 * through. Answers get {@code "provider":"<slug>"}. Stateless and thread-safe.
 */
final class OpenAiCompatibleEmbeddings implements EndpointTransform {
    private final String provider;
    private final EmbeddingsRoute route;

    OpenAiCompatibleEmbeddings(String provider, EmbeddingsRoute route) {
        this.provider = provider;
        this.route = route;
    }

    @Override
    public JsonNode request(ProviderRequest request) {
        ObjectNode params = request.params();
        EmbeddingEncoding.checkRequest(request);
        boolean changes = params.has("encoding_format")
                || params.has("stream")
                || route.excluded().stream().anyMatch(params::has)
                || route.renamed().keySet().stream().anyMatch(params::has);
        if (!changes) {
            return params;
        }
        ObjectNode body = params.deepCopy();
        body.remove("encoding_format");
        body.remove("stream");
        route.excluded().forEach(body::remove);
        route.renamed().forEach((from, to) -> {
            JsonNode value = body.remove(from);
            if (value != null) {
                body.set(to, value);
            }
        });
        return body;
    }

    @Override
    public JsonNode response(JsonNode providerBody, ProviderRequest request) {
        if (providerBody instanceof ObjectNode answer) {
            answer.put("provider", provider);
            if (EmbeddingEncoding.base64Requested(request)) {
                EmbeddingEncoding.encodeData(answer);
            }
        }
        return providerBody;
    }

    @Override
    public ObjectNode error(int status, byte[] body, ProviderRequest request) {
        return ProviderErrors.openAiStyle(provider, status, body);
    }

    @Override
    public StreamTransform stream(ProviderRequest request) {
        return NoStream.INSTANCE;
    }
}
