package dev.aigateway.core.provider;

import dev.aigateway.core.Endpoint;
import java.util.Optional;

/** A provider that serves chat completions only: an id, its API and one transform. */
public abstract class ChatProvider implements Provider {
    private final String id;
    private final ProviderApi api;
    private final EndpointTransform chat;

    protected ChatProvider(String id, ProviderApi api, EndpointTransform chat) {
        this.id = id;
        this.api = api;
        this.chat = chat;
    }

    @Override
    public final String id() {
        return id;
    }

    @Override
    public final ProviderApi api() {
        return api;
    }

    @Override
    public final Optional<EndpointTransform> transform(Endpoint endpoint) {
        return endpoint == Endpoint.CHAT_COMPLETE ? Optional.of(chat) : Optional.empty();
    }
}
