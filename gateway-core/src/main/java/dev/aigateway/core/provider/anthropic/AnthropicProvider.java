package dev.aigateway.core.provider.anthropic;

import dev.aigateway.core.provider.ChatProvider;

/**
 * Anthropic's Messages API (Portkey's {@code providers/anthropic}), serving {@code chatComplete}:
 * OpenAI chat requests become {@code POST /v1/messages} bodies, and Messages answers, errors and
 * event streams are turned back into OpenAI's shapes. Stateless and thread-safe.
 */
public final class AnthropicProvider extends ChatProvider {
    public static final String ID = "anthropic";

    public AnthropicProvider() {
        super(ID, new AnthropicApi(), new AnthropicChatComplete());
    }
}
