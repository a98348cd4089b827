package dev.aigateway.server;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.HttpResponseFor;
import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletionChunk;
import java.util.Map;
import java.util.stream.Collectors;

/** openai-java clients pointed at a test server, and small readers for their answers. */
final class OpenAiClients {
    private OpenAiClients() {}

    /** A client whose every request carries {@code x-portkey-config: config}; no SDK retries. */
    static OpenAIClient withConfig(GatewayServer server, String config) {
        return withHeaders(server, Map.of("x-portkey-config", config));
    }

    /** A client whose every request carries {@code headers}; no SDK retries. */
    static OpenAIClient withHeaders(GatewayServer server, Map<String, String> headers) {
        OpenAIOkHttpClient.Builder builder = OpenAIOkHttpClient.builder()
                .baseUrl(server.url() + "/v1")
                .apiKey("placeholder")
                .maxRetries(0);
        headers.forEach(builder::putHeader);
        return builder.build();
    }

    /** The streamed text of the first choice, read to the end. */
    static String text(HttpResponseFor<StreamResponse<ChatCompletionChunk>> raw) {
        try (StreamResponse<ChatCompletionChunk> stream = raw.parse()) {
            return stream.stream()
                    .flatMap(chunk -> chunk.choices().stream())
                    .map(choice -> choice.delta().content().orElse(""))
                    .collect(Collectors.joining());
        }
    }

    /** The first value of a response header. */
    static String header(HttpResponseFor<?> raw, String name) {
        return raw.headers().values(name).get(0);
    }
}
