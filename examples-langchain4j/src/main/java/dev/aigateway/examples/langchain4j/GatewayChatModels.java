package dev.aigateway.examples.langchain4j;

import dev.aigateway.client.HeaderOptions;
import dev.aigateway.client.Portkey;
import dev.aigateway.client.PortkeyConfig;
import dev.aigateway.client.PortkeyResponseHeaders;
import dev.langchain4j.http.client.SuccessfulHttpResponse;
import dev.langchain4j.model.anthropic.AnthropicChatModel;
import dev.langchain4j.model.anthropic.AnthropicChatResponseMetadata;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.ChatResponseMetadata;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiChatResponseMetadata;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * LangChain4j's chat models pointed at the gateway. Each takes the gateway's base URL ({@code
 * http://localhost:8787/v1}) and sends the config in {@code x-portkey-config} through {@code
 * customHeaders(...)}, which takes {@code Portkey.createHeaders(...)} as it is. The provider keys
 * live in the config, so the OpenAI models get no {@code apiKey}: LangChain4j would send it as
 * {@code Authorization: Bearer ...} beside an {@code authorization} entry of the headers, and the
 * gateway needs neither. Retries are off: the config retries and falls back itself.
 */
public final class GatewayChatModels {
    private GatewayChatModels() {}

    /** The headers that carry {@code config}, as {@code customHeaders(...)} takes them. */
    public static Map<String, String> headers(PortkeyConfig config) {
        return Portkey.createHeaders(HeaderOptions.builder().config(config).build());
    }

    /**
     * An {@link OpenAiChatModel} through the gateway. It declares JSON-schema output, so AiServices
     * asks for structured answers with OpenAI's {@code response_format}; the gateway passes it to
     * OpenAI and translates it for other providers.
     */
    public static OpenAiChatModel openAi(String gatewayUrl, PortkeyConfig config, String modelName) {
        return OpenAiChatModel.builder()
                .baseUrl(gatewayUrl)
                .customHeaders(headers(config))
                .modelName(modelName)
                .supportedCapabilities(Capability.RESPONSE_FORMAT_JSON_SCHEMA)
                .strictJsonSchema(true)
                .maxRetries(0)
                .build();
    }

    /** An {@link OpenAiStreamingChatModel} through the gateway: the answer arrives as it is written. */
    public static OpenAiStreamingChatModel openAiStreaming(String gatewayUrl, PortkeyConfig config, String modelName) {
        return OpenAiStreamingChatModel.builder()
                .baseUrl(gatewayUrl)
                .customHeaders(headers(config))
                .modelName(modelName)
                .build();
    }

    /**
     * An {@link AnthropicChatModel} through the gateway's Anthropic Messages route ({@code POST
     * /v1/messages}). LangChain4j requires an API key and sends it as {@code x-api-key}; with the
     * keys in the config any placeholder does.
     */
    public static AnthropicChatModel anthropic(String gatewayUrl, PortkeyConfig config, String modelName) {
        return AnthropicChatModel.builder()
                .baseUrl(gatewayUrl)
                .apiKey("unused")
                .customHeaders(headers(config))
                .modelName(modelName)
                .maxRetries(0)
                .build();
    }

    /**
     * Who answered {@code response}: the gateway's {@code x-portkey-*} headers, read from the raw
     * HTTP response LangChain4j keeps in the OpenAI and Anthropic metadata (for streams too).
     */
    public static PortkeyResponseHeaders answeredBy(ChatResponse response) {
        return PortkeyResponseHeaders.from(rawHeaders(response.metadata()));
    }

    private static Map<String, List<String>> rawHeaders(ChatResponseMetadata metadata) {
        Optional<SuccessfulHttpResponse> raw = Optional.empty();
        if (metadata instanceof OpenAiChatResponseMetadata openAi) {
            raw = Optional.ofNullable(openAi.rawHttpResponse());
        } else if (metadata instanceof AnthropicChatResponseMetadata anthropic) {
            raw = Optional.ofNullable(anthropic.rawHttpResponse());
        }
        return raw.map(SuccessfulHttpResponse::headers).orElse(Map.of());
    }
}
