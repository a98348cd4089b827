package dev.aigateway.core.provider.cohere;

import dev.aigateway.core.Endpoint;
import dev.aigateway.core.provider.EndpointTransform;
import dev.aigateway.core.provider.Provider;
import dev.aigateway.core.provider.ProviderApi;
import java.util.Map;

/**
 * Cohere's v2 API (Portkey's {@code providers/cohere}): {@code chatComplete} through
 * {@code POST /v2/chat} (messages, tools, documents, JSON output, streams) and {@code embed}
 * through {@code POST /v2/embed} (with input types). Cohere's rerank is not served: this gateway
 * has no rerank route. Stateless and thread-safe.
 */
public final class CohereProvider implements Provider {
    public static final String ID = "cohere";

    private final ProviderApi api = new CohereApi();
    private final Map<Endpoint, EndpointTransform> endpoints =
            Map.of(Endpoint.CHAT_COMPLETE, new CohereChatComplete(), Endpoint.EMBED, new CohereEmbed());

    @Override
    public String id() {
        return ID;
    }

    @Override
    public ProviderApi api() {
        return api;
    }

    @Override
    public Map<Endpoint, EndpointTransform> endpoints() {
        return endpoints;
    }
}
