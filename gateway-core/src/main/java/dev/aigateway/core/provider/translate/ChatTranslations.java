package dev.aigateway.core.provider.translate;

import dev.aigateway.core.Endpoint;
import dev.aigateway.core.provider.EndpointTransform;
import dev.aigateway.core.provider.Provider;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Serves OpenAI's Responses API and Anthropic's Messages API on every chat provider, through its
 * chat completions: a provider with a {@code chatComplete} transform and no transform of its own
 * for {@code createModelResponse} or {@code messages} gets one that translates the request into
 * chat completion parameters, sends them through the provider's chat transform, and translates
 * the chat answer, stream and errors back. One translation per API, not per provider: whatever
 * the provider's chat transform understands, these routes understand too.
 */
public final class ChatTranslations {
    /**
     * Chat parameters beyond OpenAI's that a provider's chat transform reads (Portkey's chat
     * dialect): they are sent to these providers only, since OpenAI-compatible upstreams refuse
     * parameters they do not know.
     */
    private static final Map<String, Set<String>> EXTENSIONS = Map.of(
            "anthropic", Set.of("thinking", "top_k"),
            "google", Set.of("thinking", "top_k"),
            "bedrock", Set.of("thinking", "top_k"),
            "vertex-ai", Set.of("thinking", "top_k"));

    private ChatTranslations() {}

    /**
     * {@code provider} with the Responses and Messages routes it lacks served through its chat
     * completions; {@code provider} itself when it has no chat transform or lacks neither route.
     */
    public static Provider withTranslations(Provider provider) {
        Optional<EndpointTransform> chat = provider.transform(Endpoint.CHAT_COMPLETE);
        boolean lacksResponses = provider.transform(Endpoint.RESPONSES).isEmpty();
        boolean lacksMessages = provider.transform(Endpoint.MESSAGES).isEmpty();
        if (chat.isEmpty() || !(lacksResponses || lacksMessages)) {
            return provider;
        }
        Set<String> extensions = EXTENSIONS.getOrDefault(provider.id(), Set.of());
        Map<Endpoint, EndpointTransform> endpoints = new EnumMap<>(Endpoint.class);
        endpoints.putAll(provider.endpoints());
        if (lacksResponses) {
            endpoints.put(Endpoint.RESPONSES, new ChatTranslation(chat.get(), new ResponsesDialect(), extensions));
        }
        if (lacksMessages) {
            endpoints.put(Endpoint.MESSAGES, new ChatTranslation(chat.get(), new MessagesDialect(), extensions));
        }
        return Provider.of(provider.id(), provider.api(), endpoints);
    }

    /**
     * Anthropic's Messages API through {@code chat}, for a provider that relays that API for some
     * models and translates it for the others (Bedrock: Anthropic's models through their own API,
     * every other model through Converse).
     */
    public static EndpointTransform messagesThroughChat(String providerId, EndpointTransform chat) {
        return new ChatTranslation(chat, new MessagesDialect(), EXTENSIONS.getOrDefault(providerId, Set.of()));
    }
}
