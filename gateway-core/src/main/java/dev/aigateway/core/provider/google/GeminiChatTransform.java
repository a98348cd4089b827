package dev.aigateway.core.provider.google;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aigateway.core.provider.EndpointTransform;
import dev.aigateway.core.provider.ParamMapper;
import dev.aigateway.core.provider.ProviderRequest;
import dev.aigateway.core.provider.StreamTransform;
import dev.aigateway.core.stream.EventReader;
import dev.aigateway.core.stream.JsonArrayStreamReader;
import dev.aigateway.core.stream.SseReader;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;

/**
 * OpenAI chat completions to and from Gemini's {@code generateContent}, for every place Gemini is
 * served: AI Studio ({@code google}) and Vertex AI's {@code publishers/google} ({@code vertex-ai}),
 * whose request and answer bodies are the same. Answers, chunks and errors name the calling
 * provider ({@link ProviderRequest#providerId()}). Stateless and thread-safe.
 */
public final class GeminiChatTransform implements EndpointTransform {
    private final ParamMapper params;

    private GeminiChatTransform(ParamMapper params) {
        this.params = params;
    }

    /** Gemini on AI Studio. */
    public static GeminiChatTransform aiStudio() {
        return new GeminiChatTransform(GoogleChatComplete.PARAMS);
    }

    /** Gemini on Vertex AI: the same, plus {@code safety_settings} and {@code labels}. */
    public static GeminiChatTransform vertexAi() {
        return new GeminiChatTransform(GoogleChatComplete.VERTEX_PARAMS);
    }

    @Override
    public JsonNode request(ProviderRequest request) {
        return params.map(request);
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
        return isJson(contentType) ? new JsonArrayStreamReader(body) : new SseReader(body);
    }

    /** Whether a stream's content type says it is Gemini's JSON array rather than SSE. */
    public static boolean isJson(String contentType) {
        return contentType != null
                && contentType.strip().toLowerCase(Locale.ROOT).startsWith("application/json");
    }

    /** Gemini's error body, any of its shapes, as the OpenAI envelope naming the calling provider. */
    public static ObjectNode errorEnvelope(int status, byte[] body, ProviderRequest request) {
        return GoogleErrors.fromBody(status, body, request);
    }
}
