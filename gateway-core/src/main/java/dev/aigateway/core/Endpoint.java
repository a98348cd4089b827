package dev.aigateway.core;

import dev.aigateway.core.format.EndpointFormat;
import dev.aigateway.core.format.MessagesFormat;
import dev.aigateway.core.format.OpenAiFormat;
import dev.aigateway.core.format.ResponsesFormat;

/**
 * The unified endpoints, mirroring Portkey's endpoint strings. Each answers in its own
 * {@link EndpointFormat}; a provider serves an endpoint when it has a transform for it
 * ({@link dev.aigateway.core.provider.Provider#endpoints()}).
 */
public enum Endpoint {
    CHAT_COMPLETE("chatComplete", "/chat/completions", OpenAiFormat.CHAT),
    COMPLETE("complete", "/completions", OpenAiFormat.COMPLETIONS),
    EMBED("embed", "/embeddings", OpenAiFormat.EMBEDDINGS),
    /** OpenAI's Responses API, {@code POST /v1/responses}. */
    RESPONSES("createModelResponse", "/responses", ResponsesFormat.INSTANCE),
    /** Anthropic's Messages API, {@code POST /v1/messages}. */
    MESSAGES("messages", "/messages", MessagesFormat.MESSAGES),
    /** Anthropic's token counting, {@code POST /v1/messages/count_tokens}. */
    MESSAGES_COUNT_TOKENS("messagesCountTokens", "/messages/count_tokens", MessagesFormat.COUNT_TOKENS);

    private final String portkeyName;
    private final String openAiPath;
    private final EndpointFormat format;

    Endpoint(String portkeyName, String openAiPath, EndpointFormat format) {
        this.portkeyName = portkeyName;
        this.openAiPath = openAiPath;
        this.format = format;
    }

    /** Portkey's name for this endpoint, as used in its error messages ({@code chatComplete}). */
    public String portkeyName() {
        return portkeyName;
    }

    /** The path under {@code /v1} where the gateway serves it, e.g. {@code /chat/completions}. */
    public String openAiPath() {
        return openAiPath;
    }

    /** The format its answers, errors and streams are in. */
    public EndpointFormat format() {
        return format;
    }
}
