package dev.aigateway.core.provider.anthropic;

import dev.aigateway.core.Endpoint;
import dev.aigateway.core.provider.EndpointTransform;
import dev.aigateway.core.provider.Provider;
import dev.aigateway.core.provider.ProviderApi;
import dev.aigateway.core.provider.openaicompat.RelayTransform;
import java.util.Map;

/**
 * Anthropic's Messages API (Portkey's {@code providers/anthropic}), serving {@code chatComplete}:
 * OpenAI chat requests become {@code POST /v1/messages} bodies, and Messages answers, errors and
 * event streams are turned back into OpenAI's shapes. {@code messages} and
 * {@code messagesCountTokens} are relayed without loss ({@link AnthropicMessagesRelay}). Also its
 * model list in OpenAI's shape, and the proxy. Stateless and thread-safe.
 */
public final class AnthropicProvider implements Provider {
    public static final String ID = "anthropic";

    private final ProviderApi api = new AnthropicApi();
    private final Map<Endpoint, EndpointTransform> endpoints = Map.of(
            Endpoint.CHAT_COMPLETE,
            new AnthropicChatComplete(),
            Endpoint.MESSAGES,
            AnthropicMessagesRelay.create(ID),
            Endpoint.MESSAGES_COUNT_TOKENS,
            AnthropicMessagesRelay.create(ID),
            Endpoint.LIST_MODELS,
            new AnthropicModels(),
            Endpoint.RETRIEVE_MODEL,
            new AnthropicModels(),
            Endpoint.PROXY,
            RelayTransform.proxy(ID));

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
