package dev.aigateway.core.provider.vertex;

import dev.aigateway.core.Endpoint;
import dev.aigateway.core.provider.EndpointTransform;
import dev.aigateway.core.provider.Provider;
import dev.aigateway.core.provider.ProviderApi;
import dev.aigateway.core.provider.openaicompat.RelayTransform;
import dev.aigateway.core.provider.translate.ChatTranslations;
import dev.aigateway.core.provider.vertex.auth.GoogleAuth;
import java.util.Map;
import java.util.Optional;

/**
 * Google Cloud's Vertex AI (Portkey's {@code providers/google-vertex-ai}, slug {@code vertex-ai}):
 * Gemini, Anthropic's Claude and the partner and open models of Vertex's OpenAI-compatible
 * endpoint, picked by the model's name ({@link VertexModel}), in the project and region the target
 * names ({@link VertexLocation}), with a token from the target's Google credential
 * ({@link GoogleAuth}). Serves chat completions ({@link VertexChat}), embeddings for Google's
 * models ({@link VertexEmbed}), and Anthropic's Messages API and token counting for Anthropic's
 * models ({@link VertexMessages}; {@code /v1/messages} is translated for the others), and the
 * proxy below the target's project and region. Not the model list: Vertex has no list of the
 * models a project can call (its {@code models} collection holds the project's own uploaded
 * models; the Model Garden list is a beta API per publisher). Thread-safe; it holds the token cache
 * of its {@link GoogleAuth}.
 */
public final class VertexProvider implements Provider {
    public static final String ID = "vertex-ai";

    private final ProviderApi api;
    private final Map<Endpoint, EndpointTransform> endpoints;

    /** With Google's token endpoint and the Application Default Credentials of this process. */
    public VertexProvider() {
        this(GoogleAuth.fromEnvironment());
    }

    /** With {@code auth}'s token endpoint, metadata server and environment (tests use fakes). */
    public VertexProvider(GoogleAuth auth) {
        this.api = new VertexApi(auth);
        VertexChat chat = new VertexChat();
        EndpointTransform messagesTranslation = ChatTranslations.withTranslations(
                        Provider.of(ID, api, Map.of(Endpoint.CHAT_COMPLETE, chat)))
                .transform(Endpoint.MESSAGES)
                .orElseThrow();
        this.endpoints = Map.of(
                Endpoint.CHAT_COMPLETE, chat,
                Endpoint.EMBED, new VertexEmbed(),
                Endpoint.MESSAGES, new VertexMessages(Optional.of(messagesTranslation)),
                Endpoint.MESSAGES_COUNT_TOKENS, new VertexMessages(Optional.empty()),
                Endpoint.PROXY, RelayTransform.proxy(ID));
    }

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
