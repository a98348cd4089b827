package dev.aigateway.core.provider.anthropic;

import dev.aigateway.core.Endpoint;
import dev.aigateway.core.provider.EndpointTransform;
import dev.aigateway.core.provider.Provider;
import dev.aigateway.core.provider.ProviderApi;
import java.util.Optional;

/**
 * Anthropic's Messages API (Portkey's {@code providers/anthropic}), serving {@code chatComplete}:
 * OpenAI chat requests become {@code POST /v1/messages} bodies, and Messages answers, errors and
 * event streams are turned back into OpenAI's shapes. Stateless and thread-safe.
 */
public final class AnthropicProvider implements Provider {
    public static final String ID = "anthropic";

    private final AnthropicApi api = new AnthropicApi();
    private final AnthropicChatComplete chatComplete = new AnthropicChatComplete();

    @Override
    public String id() {
        return ID;
    }

    @Override
    public ProviderApi api() {
        return api;
    }

    @Override
    public Optional<EndpointTransform> transform(Endpoint endpoint) {
        return endpoint == Endpoint.CHAT_COMPLETE ? Optional.of(chatComplete) : Optional.empty();
    }
}
