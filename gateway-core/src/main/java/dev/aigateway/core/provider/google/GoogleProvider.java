package dev.aigateway.core.provider.google;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aigateway.core.Endpoint;
import dev.aigateway.core.provider.EndpointTransform;
import dev.aigateway.core.provider.Provider;
import dev.aigateway.core.provider.ProviderApi;
import dev.aigateway.core.provider.ProviderRequest;
import dev.aigateway.core.provider.StreamTransform;
import dev.aigateway.core.provider.openaicompat.RelayTransform;
import dev.aigateway.core.stream.EventReader;
import dev.aigateway.core.stream.JsonArrayStreamReader;
import dev.aigateway.core.stream.SseReader;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Map;

/**
 * Google Gemini through AI Studio's Generative Language API (Portkey's {@code providers/google},
 * slug {@code google}). Serves chat completions: OpenAI requests become {@code generateContent}
 * calls, and answers, streams and errors come back in OpenAI's format. Also its model list in
 * OpenAI's shape, and the proxy. Stateless and thread-safe.
 *
 * @see GoogleApi for the URL and authentication
 */
public final class GoogleProvider implements Provider {
    public static final String ID = "google";

    private final ProviderApi api = new GoogleApi();
    private final Map<Endpoint, EndpointTransform> endpoints = Map.of(
            Endpoint.CHAT_COMPLETE, new ChatTransform(),
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

    private static final class ChatTransform implements EndpointTransform {
        @Override
        public JsonNode request(ProviderRequest request) {
            return GoogleChatComplete.PARAMS.map(request);
        }

        @Override
        public JsonNode response(JsonNode providerBody, ProviderRequest request) {
            return GoogleChatCompleteResponse.toOpenAi(providerBody, request);
        }

        @Override
        public ObjectNode error(int status, byte[] body, ProviderRequest request) {
            return GoogleErrors.fromBody(status, body, request);
        }

        @Override
        public StreamTransform stream(ProviderRequest request) {
            return new GoogleChatCompleteStream(request);
        }

        /**
         * SSE when Gemini honours {@code alt=sse}; the streamed JSON array it sends otherwise (and
         * that Portkey always gets) when it answers with {@code application/json}.
         */
        @Override
        public EventReader streamReader(InputStream body, String contentType) throws IOException {
            boolean json = contentType != null
                    && contentType.strip().toLowerCase(Locale.ROOT).startsWith("application/json");
            return json ? new JsonArrayStreamReader(body) : new SseReader(body);
        }
    }
}
