package dev.aigateway.core.provider.google;

import dev.aigateway.core.Endpoint;
import dev.aigateway.core.provider.EndpointTransform;
import dev.aigateway.core.provider.Provider;
import dev.aigateway.core.provider.ProviderApi;
import dev.aigateway.core.provider.openaicompat.RelayTransform;
import java.util.Map;

/**
 * Google Gemini through AI Studio's Generative Language API (Portkey's {@code providers/google},
 * slug {@code google}). Serves chat completions: OpenAI requests become {@code generateContent}
 * calls, and answers, streams and errors come back in OpenAI's format ({@link GeminiChatTransform});
 * embeddings through {@code embedContent} and {@code batchEmbedContents} ({@link GoogleEmbed});
 * its model list in OpenAI's shape ({@link GoogleModels}); and the proxy. Stateless and
 * thread-safe.
 *
 * @see GoogleApi for the URL and authentication
 */
public final class GoogleProvider implements Provider {
    public static final String ID = "google";

    private final ProviderApi api = new GoogleApi();
    private final Map<Endpoint, EndpointTransform> endpoints = Map.of(
            Endpoint.CHAT_COMPLETE, GeminiChatTransform.aiStudio(),
            Endpoint.EMBED, new GoogleEmbed(),
            Endpoint.LIST_MODELS, new GoogleModels(),
            Endpoint.RETRIEVE_MODEL, new GoogleModels(),
            Endpoint.PROXY, RelayTransform.proxy(ID));

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
