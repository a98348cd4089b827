package dev.aigateway.core.provider.vertex;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aigateway.core.error.UnsupportedEndpointException;
import dev.aigateway.core.provider.EndpointTransform;
import dev.aigateway.core.provider.ProviderRequest;
import dev.aigateway.core.provider.StreamTransform;
import dev.aigateway.core.provider.anthropic.AnthropicMessagesRelay;
import dev.aigateway.core.provider.vertex.VertexModel.Publisher;
import java.util.Optional;

/**
 * Anthropic's Messages API on Vertex AI. For Anthropic's models the caller's body is relayed
 * without loss ({@link AnthropicMessagesRelay}, with {@link VertexAnthropic}'s edits) to
 * {@code rawPredict}/{@code streamRawPredict}, and token counting to {@code count-tokens:rawPredict};
 * for the other models {@code /v1/messages} is translated through chat completions, as on every
 * provider, and token counting is not served (a 400 that lets a fallback move on). Stateless and
 * thread-safe.
 */
final class VertexMessages implements EndpointTransform {
    private final AnthropicMessagesRelay relay =
            AnthropicMessagesRelay.withBodyEdit(VertexProvider.ID, VertexAnthropic::forVertex);
    private final Optional<EndpointTransform> translation;

    /** @param translation serves the other models (the chat translation); none for token counting */
    VertexMessages(Optional<EndpointTransform> translation) {
        this.translation = translation;
    }

    private EndpointTransform forModel(ProviderRequest request) {
        if (VertexModel.of(request).publisher() == Publisher.ANTHROPIC) {
            return relay;
        }
        return translation.orElseThrow(() -> new UnsupportedEndpointException(
                "messagesCountTokens is supported by vertex-ai for Anthropic's models only"));
    }

    @Override
    public Binding bind(ProviderRequest request) {
        EndpointTransform transform = forModel(request);
        return transform == relay ? new Binding(relay, request) : transform.bind(request);
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
        return forModel(request).error(status, body, request);
    }

    @Override
    public StreamTransform stream(ProviderRequest request) {
        return forModel(request).stream(request);
    }
}
