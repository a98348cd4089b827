package dev.aigateway.core.provider.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aigateway.core.Endpoint;
import dev.aigateway.core.http.Headers;
import dev.aigateway.core.provider.EndpointTransform;
import dev.aigateway.core.provider.Provider;
import dev.aigateway.core.provider.ProviderApi;
import dev.aigateway.core.provider.ProviderRequest;
import dev.aigateway.core.provider.StreamTransform;
import dev.aigateway.core.stream.AwsEventStreamReader;
import dev.aigateway.core.stream.EventReader;
import java.io.InputStream;
import java.util.Map;

/**
 * AWS Bedrock (Portkey's {@code providers/bedrock}, slug {@code bedrock}): chat completions through
 * the Converse and ConverseStream APIs, embeddings through Titan's and Cohere's {@code invoke},
 * and Anthropic's Messages API relayed to Anthropic's models ({@link BedrockMessages}); every call
 * signed with SigV4 ({@link BedrockApi}, {@link BedrockCredentials}). Thread-safe.
 */
public final class BedrockProvider implements Provider {
    public static final String ID = "bedrock";

    private final ProviderApi api;
    private final Map<Endpoint, EndpointTransform> endpoints;

    /** Credentials from the target's config, else AWS's standard chain; STS at its usual address. */
    public BedrockProvider() {
        this(BedrockCredentials.standard());
    }

    public BedrockProvider(BedrockCredentials credentials) {
        this.api = new BedrockApi(new BedrockSigner(credentials));
        EndpointTransform chat = new ChatTransform();
        this.endpoints = Map.of(
                Endpoint.CHAT_COMPLETE, chat,
                Endpoint.EMBED, new EmbedTransform(),
                Endpoint.MESSAGES, new BedrockMessages(chat));
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

    /** Bedrock's errors for the OpenAI-format endpoints. */
    private abstract static class OpenAiFormatTransform implements EndpointTransform {
        @Override
        public ObjectNode error(int status, byte[] body, ProviderRequest request) {
            return errorAnswer(status, Headers.empty(), body, request).body();
        }

        @Override
        public ErrorAnswer errorAnswer(int status, Headers headers, byte[] body, ProviderRequest request) {
            BedrockErrors.BedrockError error = BedrockErrors.read(status, headers, body);
            return new ErrorAnswer(error.status(), BedrockErrors.envelope(error));
        }
    }

    private static final class ChatTransform extends OpenAiFormatTransform {
        @Override
        public JsonNode request(ProviderRequest request) {
            return BedrockChatComplete.toConverse(request);
        }

        @Override
        public JsonNode response(JsonNode providerBody, ProviderRequest request) {
            return BedrockChatCompleteResponse.toOpenAi(providerBody, request);
        }

        @Override
        public StreamTransform stream(ProviderRequest request) {
            return new BedrockChatCompleteStream(request);
        }

        @Override
        public EventReader streamReader(InputStream body, String contentType) {
            return new AwsEventStreamReader(body);
        }
    }

    private static final class EmbedTransform extends OpenAiFormatTransform {
        @Override
        public JsonNode request(ProviderRequest request) {
            return BedrockEmbed.request(request);
        }

        @Override
        public JsonNode response(JsonNode providerBody, ProviderRequest request) {
            return BedrockEmbed.response(providerBody, request);
        }

        @Override
        public StreamTransform stream(ProviderRequest request) {
            throw new IllegalStateException("embeddings do not stream");
        }
    }
}
