package dev.aigateway.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.openai.client.OpenAIClient;
import com.openai.core.http.StreamResponse;
import com.openai.helpers.ChatCompletionAccumulator;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.completions.CompletionUsage;
import dev.aigateway.core.Gateway;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * openai-java reading a Gemini stream through the server, as applications do: with the SDK's own
 * {@link ChatCompletionAccumulator} and by iterating {@code createStreaming}, with and without
 * {@code stream_options.include_usage}. Gemini reports usage on every event and sends the last
 * words together with the finish reason, so a translation that copies its usage onto the chunks
 * loses that text in the accumulator (which reads a chunk with usage as the usage-only chunk).
 */
class GeminiStreamUsageEndToEndTest {
    private final MockWebServer gemini = new MockWebServer();
    private GatewayServer server;
    private OpenAIClient client;

    @BeforeEach
    void start() throws Exception {
        gemini.start();
        server = GatewayServer.builder()
                .port(0)
                .gateway(Gateway.builder().sleeper(d -> {}).build())
                .build()
                .start();
        client = OpenAiClients.withConfig(
                server, "{\"provider\":\"google\",\"api_key\":\"g-key\",\"custom_host\":\"" + gemini.url("") + "\"}");
        gemini.enqueue(new MockResponse.Builder()
                .code(200)
                .addHeader("content-type", "text/event-stream")
                .chunkedBody(geminiStream(), 64)
                .build());
    }

    @AfterEach
    void stop() {
        server.close();
        gemini.close();
    }

    @Test
    void theAccumulatorRebuildsTextFinishAndUsageWithIncludeUsage() {
        ChatCompletion answer = accumulate(withIncludeUsage());

        assertEquals(
                "Hello there, friend!",
                answer.choices().get(0).message().content().orElseThrow());
        assertEquals(
                ChatCompletion.Choice.FinishReason.STOP, answer.choices().get(0).finishReason());
        CompletionUsage usage = answer.usage().orElseThrow();
        assertEquals(7, usage.promptTokens());
        assertEquals(5, usage.completionTokens());
        assertEquals(12, usage.totalTokens());
    }

    @Test
    void theAccumulatorRebuildsTextAndFinishWithoutIncludeUsage() {
        ChatCompletion answer = accumulate(question());

        assertEquals(
                "Hello there, friend!",
                answer.choices().get(0).message().content().orElseThrow());
        assertEquals(
                ChatCompletion.Choice.FinishReason.STOP, answer.choices().get(0).finishReason());
    }

    @Test
    void readingTheStreamWithIncludeUsageEndsWithOneUsageOnlyChunk() throws Exception {
        List<ChatCompletionChunk> chunks = read(withIncludeUsage());

        assertEquals("Hello there, friend!", OpenAiClients.text(chunks));
        ChatCompletionChunk last = chunks.get(chunks.size() - 1);
        assertTrue(last.choices().isEmpty(), "the usage chunk has no choices");
        assertEquals(12, last.usage().orElseThrow().totalTokens());
        for (ChatCompletionChunk chunk : chunks.subList(0, chunks.size() - 1)) {
            assertFalse(chunk.usage().isPresent(), () -> "usage only on the last chunk: " + chunk);
        }
        ChatCompletionChunk finish = chunks.get(chunks.size() - 2);
        assertEquals(
                ChatCompletionChunk.Choice.FinishReason.STOP,
                finish.choices().get(0).finishReason().orElseThrow());
        assertFalse(
                gemini.takeRequest(1, TimeUnit.SECONDS).getBody().utf8().contains("stream_options"),
                "Gemini is not sent OpenAI's stream_options");
    }

    @Test
    void readingTheStreamWithoutIncludeUsageGivesTheTextAndFinishReason() {
        List<ChatCompletionChunk> chunks = read(question());

        assertEquals("Hello there, friend!", OpenAiClients.text(chunks));
        ChatCompletionChunk last = chunks.get(chunks.size() - 1);
        assertEquals(
                ChatCompletionChunk.Choice.FinishReason.STOP,
                last.choices().get(0).finishReason().orElseThrow());
    }

    private ChatCompletion accumulate(ChatCompletionCreateParams params) {
        ChatCompletionAccumulator accumulator = ChatCompletionAccumulator.create();
        try (StreamResponse<ChatCompletionChunk> stream =
                client.chat().completions().createStreaming(params)) {
            stream.stream().forEach(accumulator::accumulate);
        }
        return accumulator.chatCompletion();
    }

    private List<ChatCompletionChunk> read(ChatCompletionCreateParams params) {
        try (StreamResponse<ChatCompletionChunk> stream =
                client.chat().completions().createStreaming(params)) {
            return stream.stream().toList();
        }
    }

    private static ChatCompletionCreateParams question() {
        return OpenAiClients.sayHello("gemini-2.0-flash");
    }

    private static ChatCompletionCreateParams withIncludeUsage() {
        return OpenAiClients.withIncludeUsage(question());
    }

    /**
     * Gemini's SSE stream as it sends it: every event carries the running usage, the last one
     * also the last words and the finish reason.
     */
    private static String geminiStream() {
        return event("Hello", null, 1) + event(" there,", null, 3) + event(" friend!", "STOP", 5);
    }

    private static String event(String text, String finishReason, int candidatesTokens) {
        String finish = finishReason == null ? "" : ",\"finishReason\":\"" + finishReason + "\"";
        return "data: {\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"text\":\"" + text + "\"}]}"
                + finish + ",\"index\":0}],\"usageMetadata\":{\"promptTokenCount\":7,\"candidatesTokenCount\":"
                + candidatesTokens + ",\"totalTokenCount\":" + (7 + candidatesTokens)
                + "},\"modelVersion\":\"gemini-2.0-flash\",\"responseId\":\"r-1\"}\r\n\r\n";
    }
}
