package dev.aigateway.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.openai.core.http.HttpResponseFor;
import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.aigateway.core.Gateway;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Fallbacks across wire formats through the server, with openai-java as the client: Anthropic
 * overloaded → Groq (OpenAI-compatible), and Azure OpenAI rate-limited → Anthropic.
 */
class CrossProviderEndToEndTest {
    private final MockWebServer first = new MockWebServer();
    private final MockWebServer second = new MockWebServer();
    private GatewayServer server;

    @BeforeEach
    void start() throws Exception {
        first.start();
        second.start();
        server = GatewayServer.builder()
                .port(0)
                .gateway(Gateway.builder().sleeper(d -> {}).build())
                .build()
                .start();
    }

    @AfterEach
    void stop() {
        server.close();
        first.close();
        second.close();
    }

    private static ChatCompletionCreateParams question() {
        return ChatCompletionCreateParams.builder()
                .model("some-model")
                .addSystemMessage("Be brief.")
                .addUserMessage("Hi")
                .maxCompletionTokens(50)
                .build();
    }

    private String anthropicThenGroq() {
        return "{\"strategy\":{\"mode\":\"fallback\"},\"targets\":["
                + "{\"provider\":\"anthropic\",\"api_key\":\"ant-key\",\"custom_host\":\"" + first.url("/v1") + "\"},"
                + "{\"provider\":\"groq\",\"api_key\":\"groq-key\",\"override_params\":{\"model\":\"llama-3.3-70b-versatile\"},"
                + "\"custom_host\":\"" + second.url("/openai/v1") + "\"}]}";
    }

    private String azureThenAnthropic() {
        return "{\"strategy\":{\"mode\":\"fallback\"},\"targets\":["
                + "{\"provider\":\"azure-openai\",\"api_key\":\"az-key\",\"resource_name\":\"res\",\"deployment_id\":\"gpt4o\","
                + "\"api_version\":\"2024-10-21\",\"custom_host\":\"" + first.url("/openai") + "\"},"
                + "{\"provider\":\"anthropic\",\"api_key\":\"ant-key\",\"override_params\":{\"model\":\"claude-sonnet-4-5\"},"
                + "\"custom_host\":\"" + second.url("/v1") + "\"}]}";
    }

    @Test
    void anthropicOverloadedFallsBackToGroq() throws Exception {
        first.enqueue(
                json(529, "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}"));
        second.enqueue(json(200, openAiCompletion("llama-3.3-70b-versatile", "Hello from Groq")));

        HttpResponseFor<ChatCompletion> raw = OpenAiClients.withConfig(server, anthropicThenGroq())
                .chat()
                .completions()
                .withRawResponse()
                .create(question());

        assertEquals(
                "Hello from Groq",
                raw.parse().choices().get(0).message().content().orElseThrow());
        assertEquals(
                "config.targets[1]",
                raw.headers().values("x-portkey-last-used-option-index").get(0));
        assertEquals("groq", raw.headers().values("x-portkey-provider").get(0));
        RecordedRequest toAnthropic = first.takeRequest(1, TimeUnit.SECONDS);
        RecordedRequest toGroq = second.takeRequest(1, TimeUnit.SECONDS);
        assertEquals("/v1/messages", toAnthropic.getTarget());
        assertEquals("ant-key", toAnthropic.getHeaders().get("x-api-key"));
        assertEquals("/openai/v1/chat/completions", toGroq.getTarget());
        assertEquals("Bearer groq-key", toGroq.getHeaders().get("authorization"));
    }

    @Test
    void anthropicOverloadedFallsBackToGroqWhenStreaming() {
        first.enqueue(
                json(529, "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}"));
        second.enqueue(new MockResponse.Builder()
                .code(200)
                .addHeader("content-type", "text/event-stream")
                .body(openAiChunk("Hello") + openAiChunk(" from Groq") + "data: [DONE]\n\n")
                .build());

        HttpResponseFor<StreamResponse<ChatCompletionChunk>> raw = OpenAiClients.withConfig(server, anthropicThenGroq())
                .chat()
                .completions()
                .withRawResponse()
                .createStreaming(question());

        assertEquals(
                "config.targets[1]",
                raw.headers().values("x-portkey-last-used-option-index").get(0));
        assertEquals("Hello from Groq", OpenAiClients.text(raw));
    }

    @Test
    void azureRateLimitedFallsBackToAnthropic() throws Exception {
        first.enqueue(json(429, "{\"error\":{\"code\":\"429\",\"message\":\"Rate limit is exceeded.\"}}"));
        second.enqueue(json(
                200,
                "{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude-sonnet-4-5\","
                        + "\"content\":[{\"type\":\"text\",\"text\":\"Hello from Claude\"}],\"stop_reason\":\"end_turn\","
                        + "\"usage\":{\"input_tokens\":9,\"output_tokens\":4}}"));

        HttpResponseFor<ChatCompletion> raw = OpenAiClients.withConfig(server, azureThenAnthropic())
                .chat()
                .completions()
                .withRawResponse()
                .create(question());

        ChatCompletion answer = raw.parse();
        assertEquals(
                "Hello from Claude", answer.choices().get(0).message().content().orElseThrow());
        assertEquals(13, answer.usage().orElseThrow().totalTokens());
        assertEquals(
                "config.targets[1]",
                raw.headers().values("x-portkey-last-used-option-index").get(0));
        RecordedRequest toAzure = first.takeRequest(1, TimeUnit.SECONDS);
        RecordedRequest toAnthropic = second.takeRequest(1, TimeUnit.SECONDS);
        assertEquals("/openai/deployments/gpt4o/chat/completions?api-version=2024-10-21", toAzure.getTarget());
        assertEquals("az-key", toAzure.getHeaders().get("api-key"));
        assertEquals("/v1/messages", toAnthropic.getTarget());
        assertEquals(
                "claude-sonnet-4-5",
                dev.aigateway.core.internal.Json.parse(toAnthropic.getBody().utf8())
                        .path("model")
                        .asText());
    }

    @Test
    void azureRateLimitedFallsBackToAnthropicWhenStreaming() {
        first.enqueue(json(429, "{\"error\":{\"code\":\"429\",\"message\":\"Rate limit is exceeded.\"}}"));
        second.enqueue(new MockResponse.Builder()
                .code(200)
                .addHeader("content-type", "text/event-stream")
                .body(anthropicStream("Hello from Claude"))
                .build());

        HttpResponseFor<StreamResponse<ChatCompletionChunk>> raw = OpenAiClients.withConfig(
                        server, azureThenAnthropic())
                .chat()
                .completions()
                .withRawResponse()
                .createStreaming(question());

        assertEquals(
                "config.targets[1]",
                raw.headers().values("x-portkey-last-used-option-index").get(0));
        assertEquals("Hello from Claude", OpenAiClients.text(raw));
    }

    private static MockResponse json(int status, String body) {
        return new MockResponse.Builder()
                .code(status)
                .addHeader("content-type", "application/json")
                .body(body)
                .build();
    }

    private static String openAiCompletion(String model, String content) {
        return "{\"id\":\"c1\",\"object\":\"chat.completion\",\"created\":1700000000,\"model\":\"" + model
                + "\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"" + content
                + "\"},\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":3,\"total_tokens\":8}}";
    }

    private static String openAiChunk(String content) {
        return "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,\"model\":\"m\","
                + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"" + content + "\"},\"finish_reason\":null}]}\n\n";
    }

    private static String anthropicStream(String text) {
        return "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"type\":\"message\","
                + "\"role\":\"assistant\",\"content\":[],\"model\":\"claude-sonnet-4-5\",\"stop_reason\":null,"
                + "\"usage\":{\"input_tokens\":9,\"output_tokens\":1}}}\n\n"
                + "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,"
                + "\"content_block\":{\"type\":\"text\",\"text\":\"\"}}\n\n"
                + "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,"
                + "\"delta\":{\"type\":\"text_delta\",\"text\":\"" + text + "\"}}\n\n"
                + "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":0}\n\n"
                + "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\"},"
                + "\"usage\":{\"output_tokens\":4}}\n\n"
                + "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n";
    }
}
