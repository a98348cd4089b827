package dev.aigateway.server;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.HttpResponseFor;
import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import java.util.List;
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

    /** The streamed text of every choice in {@code chunks}. */
    static String text(List<ChatCompletionChunk> chunks) {
        StringBuilder text = new StringBuilder();
        chunks.forEach(chunk ->
                chunk.choices().forEach(choice -> choice.delta().content().ifPresent(text::append)));
        return text.toString();
    }

    /** "Say hello" to {@code model}. */
    static ChatCompletionCreateParams sayHello(String model) {
        return ChatCompletionCreateParams.builder()
                .model(model)
                .addUserMessage("Say hello")
                .build();
    }

    /** {@code params} asking for usage at the end of the stream ({@code stream_options.include_usage}). */
    static ChatCompletionCreateParams withIncludeUsage(ChatCompletionCreateParams params) {
        return params.toBuilder()
                .streamOptions(
                        ChatCompletionStreamOptions.builder().includeUsage(true).build())
                .build();
    }

    /** The first value of a response header. */
    static String header(HttpResponseFor<?> raw, String name) {
        return raw.headers().values(name).get(0);
    }
}
