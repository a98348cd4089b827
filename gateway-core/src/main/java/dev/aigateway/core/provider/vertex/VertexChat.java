package dev.aigateway.core.provider.vertex;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aigateway.core.Endpoint;
import dev.aigateway.core.provider.EndpointTransform;
import dev.aigateway.core.provider.ProviderRequest;
import dev.aigateway.core.provider.StreamTransform;
import dev.aigateway.core.provider.anthropic.AnthropicChatComplete;
import dev.aigateway.core.provider.google.GeminiChatTransform;
import dev.aigateway.core.provider.openaicompat.OpenAiCompatibleProvider;
import dev.aigateway.core.stream.EventReader;
import dev.aigateway.core.stream.JsonArrayStreamReader;
import dev.aigateway.core.stream.SseReader;
import java.io.IOException;
import java.io.InputStream;

/**
 * Chat completions on Vertex AI, by the model's publisher ({@link VertexModel}): Gemini's
 * translation ({@link GeminiChatTransform}, with Vertex's {@code safety_settings} and
 * {@code labels}), Anthropic's ({@link AnthropicChatComplete}, the body without {@code model} and
 * with Vertex's {@code anthropic_version}), or a pass-through for the OpenAI-compatible endpoint
 * (the model as Vertex names it). Errors in any shape Vertex answers go through
 * {@link VertexErrors}. A call is bound to its publisher's transform once; the methods also
 * dispatch on their own, for the translations of other APIs that call them directly. Stateless and
 * thread-safe.
 */
final class VertexChat implements EndpointTransform {
    private final EndpointTransform gemini = GeminiChatTransform.vertexAi();
    private final EndpointTransform anthropic = AnthropicChatComplete.withBodyEdit(VertexAnthropic::forVertex);
    private final EndpointTransform openAiCompatible = OpenAiCompatibleProvider.builder(VertexProvider.ID)
            .baseUrl("https://aiplatform.googleapis.com")
            // Anthropic's `thinking`, which the Messages translation passes to vertex-ai for Gemini
            // and Claude, means nothing to these models.
            .exclude("thinking")
            .rewrite(
                    request -> true,
                    (body, request) -> body.put("model", VertexModel.of(request).name()))
            .build()
            .transform(Endpoint.CHAT_COMPLETE)
            .orElseThrow();

    private EndpointTransform forModel(ProviderRequest request) {
        return switch (VertexModel.of(request).publisher()) {
            case GOOGLE -> gemini;
            case ANTHROPIC -> anthropic;
            case OPENAI_COMPATIBLE -> openAiCompatible;
        };
    }

    @Override
    public Binding bind(ProviderRequest request) {
        return new Binding(new WithVertexErrors(forModel(request)), request);
    }

    @Override
    public JsonNode request(ProviderRequest request) {
        return forModel(request).request(request);
    }

    @Override
    public JsonNode response(JsonNode providerBody, ProviderRequest request) {
        return forModel(request).response(providerBody, request);
    }

    @Override
    public ObjectNode error(int status, byte[] body, ProviderRequest request) {
        return VertexErrors.envelope(status, body, request);
    }

    @Override
    public StreamTransform stream(ProviderRequest request) {
        return forModel(request).stream(request);
    }

    /** Gemini's JSON-array stream when the answer says {@code application/json}; SSE otherwise. */
    @Override
    public EventReader streamReader(InputStream body, String contentType) throws IOException {
        return GeminiChatTransform.isJson(contentType) ? new JsonArrayStreamReader(body) : new SseReader(body);
    }

    /** One publisher's transform with Vertex's error mapping. */
    private record WithVertexErrors(EndpointTransform publisher) implements EndpointTransform {
        @Override
        public JsonNode request(ProviderRequest request) {
            return publisher.request(request);
        }

        @Override
        public JsonNode response(JsonNode providerBody, ProviderRequest request) {
            return publisher.response(providerBody, request);
        }

        @Override
        public ObjectNode error(int status, byte[] body, ProviderRequest request) {
            return VertexErrors.envelope(status, body, request);
        }

        @Override
        public StreamTransform stream(ProviderRequest request) {
            return publisher.stream(request);
        }

        @Override
        public EventReader streamReader(InputStream body, String contentType) throws IOException {
            return publisher.streamReader(body, contentType);
        }

        @Override
        public boolean relaysResponse() {
            return publisher.relaysResponse();
        }
    }
}
