package dev.aigateway.examples.springai;

import dev.aigateway.client.PortkeyResponseHeaders;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import okhttp3.Interceptor;
import okhttp3.Response;

/**
 * Which gateway target answered each call. Spring AI keeps no HTTP response headers in its {@code
 * ChatResponse}, so this OkHttp interceptor, added to Spring AI's OpenAI client with an {@code
 * OpenAiHttpClientBuilderCustomizer}, reads the {@code x-portkey-*} headers of every answer and
 * files them under the answer's {@code x-portkey-trace-id}: give each call its own trace id and
 * {@link #take} tells who answered it, for calls and streams alike.
 */
public final class GatewayAnswers implements Interceptor {
    /** Answers nobody took are dropped past this many, oldest first. */
    private static final int KEPT = 1_000;

    private final Map<String, PortkeyResponseHeaders> byTraceId = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, PortkeyResponseHeaders> eldest) {
            return size() > KEPT;
        }
    };

    @Override
    public Response intercept(Chain chain) throws IOException {
        Response response = chain.proceed(chain.request());
        PortkeyResponseHeaders headers = PortkeyResponseHeaders.from(response.headers()::values);
        headers.traceId().ifPresent(traceId -> {
            synchronized (byTraceId) {
                byTraceId.put(traceId, headers);
            }
        });
        return response;
    }

    /** The headers of the answer to the call with {@code traceId}, once. */
    public Optional<PortkeyResponseHeaders> take(String traceId) {
        synchronized (byTraceId) {
            return Optional.ofNullable(byTraceId.remove(traceId));
        }
    }
}
