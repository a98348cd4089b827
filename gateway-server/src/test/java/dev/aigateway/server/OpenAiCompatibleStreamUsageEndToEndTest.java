package dev.aigateway.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.core.http.StreamResponse;
import com.openai.helpers.ChatCompletionAccumulator;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.completions.CompletionUsage;
import dev.aigateway.core.Gateway;
import dev.aigateway.core.internal.Json;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * openai-java reading relayed OpenAI-compatible streams through the server, with the SDK's
 * {@link ChatCompletionAccumulator} and by iterating {@code createStreaming}. The upstreams report
 * usage each their own way (Groq under {@code x_groq} on the finish chunk and, when asked, in a
 * chunk of its own; Mistral on the finish chunk, asked or not; xAI on every chunk), and the SDK
 * reads usage only from a last chunk with empty choices: any other chunk with usage makes its
 * accumulator fail or lose text.
 */
class OpenAiCompatibleStreamUsageEndToEndTest {
    private static final String GROQ_USAGE =
            "{\"queue_time\":0.02,\"prompt_tokens\":12,\"prompt_time\":0.001,\"completion_tokens\":4,"
                    + "\"completion_time\":0.01,\"total_tokens\":16,\"total_time\":0.011}";

    private final MockWebServer upstream = new MockWebServer();
    private GatewayServer server;

    @BeforeEach
    void start() throws Exception {
        upstream.start();
        server = GatewayServer.builder()
                .port(0)
                .gateway(Gateway.builder().sleeper(d -> {}).build())
                .build()
                .start();
    }

    @AfterEach
    void stop() {
        server.close();
        upstream.close();
    }

    @Test
    void groqWithIncludeUsageAccumulatesTextFinishAndUsage() throws Exception {
        stream(groqStream(true));

        ChatCompletion answer = accumulate(client("groq"), withIncludeUsage());

        assertAnswer(answer);
        CompletionUsage usage = answer.usage().orElseThrow();
        assertEquals(12, usage.promptTokens());
        assertEquals(4, usage.completionTokens());
        assertEquals(16, usage.totalTokens());
        JsonNode sent =
                Json.parse(upstream.takeRequest(1, TimeUnit.SECONDS).getBody().utf8());
        assertTrue(sent.at("/stream_options/include_usage").asBoolean(), "Groq is asked for usage too");
    }

    @Test
    void groqWithIncludeUsageEndsWithExactlyOneUsageOnlyChunk() {
        stream(groqStream(true));

        List<ChatCompletionChunk> chunks = read(client("groq"), withIncludeUsage());

        assertUsageOnlyInTheLastChunk(chunks, 16);
    }

    @Test
    void groqWithoutIncludeUsageAccumulatesTextAndFinish() {
        stream(groqStream(false));

        ChatCompletion answer = accumulate(client("groq"), question());

        assertAnswer(answer);
        assertFalse(answer.usage().isPresent(), "no usage asked for, none given, as OpenAI");
    }

    @Test
    void groqWithoutIncludeUsageReadsAsChunksWithChoicesOnly() {
        stream(groqStream(false));

        List<ChatCompletionChunk> chunks = read(client("groq"), question());

        assertEquals("Hello there!", OpenAiClients.text(chunks));
        for (ChatCompletionChunk chunk : chunks) {
            assertFalse(chunk.choices().isEmpty(), () -> "every chunk has a choice: " + chunk);
            assertFalse(chunk.usage().isPresent(), () -> "no usage asked for: " + chunk);
        }
    }

    @Test
    void mistralUsageOnTheFinishChunkMovesToItsOwnChunkWhenAsked() throws Exception {
        stream(chunk("{\"role\":\"assistant\",\"content\":\"Hello\"}", null, null)
                + chunk("{\"content\":\" there!\"}", null, null)
                + chunk(
                        "{\"content\":\"\"}",
                        "stop",
                        "{\"prompt_tokens\":12,\"total_tokens\":16,\"completion_tokens\":4}")
                + "data: [DONE]\n\n");

        ChatCompletion answer = accumulate(client("mistral-ai"), withIncludeUsage());

        assertAnswer(answer);
        assertEquals(16, answer.usage().orElseThrow().totalTokens());
        JsonNode sent =
                Json.parse(upstream.takeRequest(1, TimeUnit.SECONDS).getBody().utf8());
        assertFalse(sent.has("stream_options"), "Mistral refuses stream_options");
    }

    @Test
    void xAiUsageOnEveryChunkIsNotOnTheChunksOpenAiJavaAccumulates() {
        stream(chunk("{\"role\":\"assistant\",\"content\":\"Hello\"}", null, usage(1))
                + chunk("{\"content\":\" there!\"}", null, usage(3))
                + chunk("{}", "stop", usage(4))
                + "data: [DONE]\n\n");

        ChatCompletion answer = accumulate(client("x-ai"), question());

        assertAnswer(answer);
        assertFalse(answer.usage().isPresent());
    }

    @Test
    void anOpenAiShapedServerIsReadAsItSentItsStream() {
        stream(chunk("{\"role\":\"assistant\",\"content\":\"Hello\"}", null, "null")
                + chunk("{\"content\":\" there!\"}", null, "null")
                + chunk("{}", "stop", "null")
                + "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,\"model\":\"m\","
                + "\"choices\":[],\"usage\":" + usage(4) + "}\n\n"
                + "data: [DONE]\n\n");

        List<ChatCompletionChunk> chunks = read(client("openai-compatible"), withIncludeUsage());

        assertUsageOnlyInTheLastChunk(chunks, 16);
    }

    private OpenAIClient client(String provider) {
        return OpenAiClients.withHeaders(
                server,
                Map.of(
                        "x-portkey-provider",
                        provider,
                        "x-portkey-custom-host",
                        upstream.url("/v1").toString()));
    }

    private void stream(String body) {
        upstream.enqueue(new MockResponse.Builder()
                .code(200)
                .addHeader("content-type", "text/event-stream")
                .chunkedBody(body, 64)
                .build());
    }

    private static ChatCompletion accumulate(OpenAIClient client, ChatCompletionCreateParams params) {
        ChatCompletionAccumulator accumulator = ChatCompletionAccumulator.create();
        try (StreamResponse<ChatCompletionChunk> stream =
                client.chat().completions().createStreaming(params)) {
            stream.stream().forEach(accumulator::accumulate);
        }
        return accumulator.chatCompletion();
    }

    private static List<ChatCompletionChunk> read(OpenAIClient client, ChatCompletionCreateParams params) {
        try (StreamResponse<ChatCompletionChunk> stream =
                client.chat().completions().createStreaming(params)) {
            return stream.stream().toList();
        }
    }

    private static void assertAnswer(ChatCompletion answer) {
        assertEquals("Hello there!", answer.choices().get(0).message().content().orElseThrow());
        assertEquals(
                ChatCompletion.Choice.FinishReason.STOP, answer.choices().get(0).finishReason());
    }

    private static void assertUsageOnlyInTheLastChunk(List<ChatCompletionChunk> chunks, long totalTokens) {
        assertEquals("Hello there!", OpenAiClients.text(chunks));
        ChatCompletionChunk last = chunks.get(chunks.size() - 1);
        assertTrue(last.choices().isEmpty(), () -> "the last chunk is usage only: " + last);
        assertEquals(totalTokens, last.usage().orElseThrow().totalTokens());
        for (ChatCompletionChunk chunk : chunks.subList(0, chunks.size() - 1)) {
            assertFalse(chunk.choices().isEmpty(), () -> "one usage-only chunk: " + chunk);
            assertFalse(chunk.usage().isPresent(), () -> "usage only on the last chunk: " + chunk);
        }
    }

    private static ChatCompletionCreateParams question() {
        return OpenAiClients.sayHello("some-model");
    }

    private static ChatCompletionCreateParams withIncludeUsage() {
        return OpenAiClients.withIncludeUsage(question());
    }

    /**
     * Groq's stream: usage under {@code x_groq} on the finish chunk; when asked for, also a last
     * chunk with empty choices and {@code usage}.
     */
    private static String groqStream(boolean includeUsage) {
        String finish = "data: {\"id\":\"chatcmpl-g1\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,"
                + "\"model\":\"llama-3.3-70b-versatile\",\"system_fingerprint\":\"fp_1\",\"choices\":[{\"index\":0,"
                + "\"delta\":{},\"logprobs\":null,\"finish_reason\":\"stop\"}],\"x_groq\":{\"id\":\"req_1\",\"usage\":"
                + GROQ_USAGE + "}}\n\n";
        String usageChunk = "data: {\"id\":\"chatcmpl-g1\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,"
                + "\"model\":\"llama-3.3-70b-versatile\",\"system_fingerprint\":\"fp_1\",\"choices\":[],"
                + "\"usage\":" + GROQ_USAGE + ",\"x_groq\":{\"id\":\"req_1\",\"usage\":" + GROQ_USAGE + "}}\n\n";
        return chunk("{\"role\":\"assistant\",\"content\":\"Hello\"}", null, null)
                + chunk("{\"content\":\" there!\"}", null, null)
                + finish
                + (includeUsage ? usageChunk : "")
                + "data: [DONE]\n\n";
    }

    /** One chunk; {@code usage} is JSON text, {@code null} to leave the field out. */
    private static String chunk(String delta, String finishReason, String usage) {
        String finish = finishReason == null ? "null" : "\"" + finishReason + "\"";
        return "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,\"model\":\"m\","
                + "\"choices\":[{\"index\":0,\"delta\":" + delta + ",\"finish_reason\":" + finish + "}]"
                + (usage == null ? "" : ",\"usage\":" + usage) + "}\n\n";
    }

    private static String usage(int completionTokens) {
        return "{\"prompt_tokens\":12,\"completion_tokens\":" + completionTokens + ",\"total_tokens\":"
                + (12 + completionTokens) + "}";
    }
}
