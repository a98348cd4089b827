package dev.aigateway.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.JsonValue;
import com.anthropic.core.http.HttpResponseFor;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.errors.BadRequestException;
import com.anthropic.errors.RateLimitException;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.ErrorType;
import com.anthropic.models.messages.CacheControlEphemeral;
import com.anthropic.models.messages.ContentBlockParam;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCountTokensParams;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.StopReason;
import com.anthropic.models.messages.TextBlockParam;
import com.anthropic.models.messages.Tool;
import com.anthropic.models.messages.ToolResultBlockParam;
import com.anthropic.models.messages.ToolUseBlock;
import com.fasterxml.jackson.databind.JsonNode;
import dev.aigateway.core.Gateway;
import dev.aigateway.core.internal.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Anthropic's official Java SDK pointed at the gateway's {@code /v1/messages}: relayed to Anthropic
 * without loss (fields, {@code cache_control}, betas, headers, the body byte for byte), translated
 * to OpenAI and Gemini (plain, streamed, tools), and falling back from Claude to GPT-4o with the
 * answer in Anthropic's shape. The upstreams are loopback fakes speaking their own wire formats.
 */
class MessagesEndToEndTest {
    private static final String CALLER_KEY = "sk-ant-caller";

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

    @Test
    void relayedToAnthropicWithEveryFieldAndHeaderKept() throws Exception {
        first.enqueue(json(200, AnthropicWire.ANSWER));
        AnthropicClient client = anthropicClient(first);

        Message message = client.messages()
                .create(MessageCreateParams.builder()
                        .model("claude-sonnet-4-5")
                        .maxTokens(200)
                        .systemOfTextBlockParams(List.of(TextBlockParam.builder()
                                .text("You are Claude Code.")
                                .cacheControl(CacheControlEphemeral.builder().build())
                                .build()))
                        .addUserMessage("Hi")
                        .putAdditionalBodyProperty(
                                "context_management",
                                JsonValue.from(Map.of("edits", List.of(Map.of("type", "clear_tool_uses_20250919")))))
                        .build());

        assertEquals(
                "Hello from Claude",
                message.content().get(0).text().orElseThrow().text());
        assertEquals(StopReason.END_TURN, message.stopReason().orElseThrow());
        RecordedRequest sent = first.takeRequest(1, TimeUnit.SECONDS);
        assertEquals("/v1/messages", sent.getTarget());
        assertEquals(CALLER_KEY, sent.getHeaders().get("x-api-key"));
        assertTrue(sent.getHeaders().get("anthropic-version").matches("\\d{4}-\\d{2}-\\d{2}"), "the SDK's version");
        assertEquals("context-management-2025-06-27", sent.getHeaders().get("anthropic-beta"));
        JsonNode body = Json.parse(sent.getBody().utf8());
        assertEquals("ephemeral", body.at("/system/0/cache_control/type").asText());
        assertEquals(
                "clear_tool_uses_20250919",
                body.at("/context_management/edits/0/type").asText());
    }

    @Test
    void theBodyAndTheAnswerAreRelayedByteForByte() throws Exception {
        first.enqueue(json(200, AnthropicWire.ANSWER));
        String body = "{ \"model\" : \"claude-sonnet-4-5\",\"max_tokens\":5,  \"messages\":[{\"role\":\"user\","
                + "\"content\":\"Hi \\u00e9\"}], \"future_field\": [1, 2.50, null] }";

        HttpResponse<byte[]> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(server.url() + "/v1/messages"))
                                .header("content-type", "application/json")
                                .header("x-api-key", CALLER_KEY)
                                .header("anthropic-version", "2099-01-01")
                                .header("anthropic-beta", "some-future-beta-2099-01-01")
                                .header("x-portkey-provider", "anthropic")
                                .header(
                                        "x-portkey-custom-host",
                                        first.url("/v1").toString())
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());

        assertEquals(200, response.statusCode());
        assertArrayEquals(AnthropicWire.ANSWER.getBytes(StandardCharsets.UTF_8), response.body());
        RecordedRequest sent = first.takeRequest(1, TimeUnit.SECONDS);
        assertArrayEquals(body.getBytes(StandardCharsets.UTF_8), sent.getBody().toByteArray());
        assertEquals("2099-01-01", sent.getHeaders().get("anthropic-version"));
        assertEquals("some-future-beta-2099-01-01", sent.getHeaders().get("anthropic-beta"));
    }

    @Test
    void streamedFromAnthropicEventByEvent() throws Exception {
        first.enqueue(sse(AnthropicWire.TEXT_STREAM));
        AnthropicClient client = anthropicClient(first);

        Message message = accumulate(client, question().build());

        assertEquals(
                "Hello there", message.content().get(0).text().orElseThrow().text());
        assertEquals(12, message.usage().inputTokens());
        assertEquals(3, message.usage().outputTokens());
        assertTrue(Json.parse(first.takeRequest(1, TimeUnit.SECONDS).getBody().utf8())
                .path("stream")
                .asBoolean());
    }

    @Test
    void toolsRelayedToAnthropic() throws Exception {
        first.enqueue(json(200, AnthropicWire.TOOL_USE_ANSWER));
        AnthropicClient client = anthropicClient(first);

        Message message =
                client.messages().create(question().addTool(weatherTool()).build());

        ToolUseBlock call = message.content().get(0).toolUse().orElseThrow();
        assertEquals("get_weather", call.name());
        assertEquals("Paris", call._input().convert(Map.class).get("city"));
        assertEquals(
                "get_weather",
                Json.parse(first.takeRequest(1, TimeUnit.SECONDS).getBody().utf8())
                        .at("/tools/0/name")
                        .asText());
    }

    @Test
    void tokensAreCountedByAnthropic() throws Exception {
        first.enqueue(json(200, "{\"input_tokens\":42}"));
        AnthropicClient client = anthropicClient(first);

        long tokens = client.messages()
                .countTokens(MessageCountTokensParams.builder()
                        .model("claude-sonnet-4-5")
                        .addUserMessage("How many tokens is this?")
                        .build())
                .inputTokens();

        assertEquals(42, tokens);
        assertEquals(
                "/v1/messages/count_tokens",
                first.takeRequest(1, TimeUnit.SECONDS).getTarget());
    }

    @Test
    void translatedToOpenAiPlainStreamedAndWithTools() throws Exception {
        AnthropicClient client = configured(target("openai", first, "/v1", "gpt-4o"));

        first.enqueue(json(200, OpenAiWire.completion("Hi from GPT-4o")));
        Message plain = client.messages().create(question().build());
        assertEquals(
                "Hi from GPT-4o", plain.content().get(0).text().orElseThrow().text());
        assertEquals(StopReason.END_TURN, plain.stopReason().orElseThrow());
        assertEquals(7, plain.usage().inputTokens());
        RecordedRequest chat = first.takeRequest(1, TimeUnit.SECONDS);
        assertEquals("/v1/chat/completions", chat.getTarget());
        assertEquals("Bearer sk-openai", chat.getHeaders().get("authorization"));
        assertEquals("gpt-4o", Json.parse(chat.getBody().utf8()).path("model").asText());

        first.enqueue(sse(OpenAiWire.TEXT_STREAM));
        Message streamed = accumulate(client, question().build());
        assertEquals(
                "Hello there", streamed.content().get(0).text().orElseThrow().text());
        assertEquals(9, streamed.usage().outputTokens() + streamed.usage().inputTokens());
        first.takeRequest(1, TimeUnit.SECONDS);

        first.enqueue(json(200, OpenAiWire.TOOL_CALL));
        MessageCreateParams.Builder withTool = question().addTool(weatherTool());
        Message toolTurn = client.messages().create(withTool.build());
        ToolUseBlock call = toolTurn.content().get(0).toolUse().orElseThrow();
        assertEquals("call_1", call.id());
        assertEquals(StopReason.TOOL_USE, toolTurn.stopReason().orElseThrow());
        first.takeRequest(1, TimeUnit.SECONDS);

        first.enqueue(json(200, OpenAiWire.completion("It is sunny in Paris.")));
        Message answer = client.messages()
                .create(withTool.addMessage(toolTurn)
                        .addUserMessageOfContentBlockParams(
                                List.of(ContentBlockParam.ofToolResult(ToolResultBlockParam.builder()
                                        .toolUseId(call.id())
                                        .content("sunny, 18C")
                                        .build())))
                        .build());
        assertEquals(
                "It is sunny in Paris.",
                answer.content().get(0).text().orElseThrow().text());
        JsonNode second =
                Json.parse(first.takeRequest(1, TimeUnit.SECONDS).getBody().utf8());
        assertEquals("call_1", second.at("/messages/1/tool_calls/0/id").asText());
        assertEquals("tool", second.at("/messages/2/role").asText());
        assertEquals("sunny, 18C", second.at("/messages/2/content").asText());
    }

    @Test
    void translatedToGeminiPlainStreamedAndWithTools() throws Exception {
        AnthropicClient client = configured(target("google", first, "", "gemini-2.5-flash"));

        first.enqueue(json(200, GeminiWire.answer("Hi from Gemini")));
        Message plain = client.messages().create(question().build());
        assertEquals(
                "Hi from Gemini", plain.content().get(0).text().orElseThrow().text());
        RecordedRequest sent = first.takeRequest(1, TimeUnit.SECONDS);
        assertEquals("/v1beta/models/gemini-2.5-flash:generateContent", sent.getTarget());
        assertEquals("sk-google", sent.getHeaders().get("x-goog-api-key"));

        first.enqueue(sse(GeminiWire.TEXT_STREAM));
        Message streamed = accumulate(client, question().build());
        assertEquals(
                "Hello there", streamed.content().get(0).text().orElseThrow().text());
        assertEquals(
                "/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse",
                first.takeRequest(1, TimeUnit.SECONDS).getTarget());

        first.enqueue(json(200, GeminiWire.FUNCTION_CALL));
        Message toolTurn =
                client.messages().create(question().addTool(weatherTool()).build());
        ToolUseBlock call = toolTurn.content().get(0).toolUse().orElseThrow();
        assertEquals("get_weather", call.name());
        assertEquals(StopReason.TOOL_USE, toolTurn.stopReason().orElseThrow());
        JsonNode gemini =
                Json.parse(first.takeRequest(1, TimeUnit.SECONDS).getBody().utf8());
        assertEquals(
                "get_weather", gemini.at("/tools/0/functionDeclarations/0/name").asText());
    }

    @Test
    void claudeFailsAndGpt4oAnswersInAnthropicsShape() throws Exception {
        String fallback = "{\"strategy\":{\"mode\":\"fallback\"},\"targets\":["
                + target("anthropic", first, "/v1", null) + "," + target("openai", second, "/v1", "gpt-4o") + "]}";
        AnthropicClient client = configured(fallback);
        first.enqueue(json(529, AnthropicWire.OVERLOADED));
        second.enqueue(json(200, OpenAiWire.completion("GPT-4o here")));

        HttpResponseFor<Message> raw =
                client.messages().withRawResponse().create(question().build());

        assertEquals(
                "GPT-4o here", raw.parse().content().get(0).text().orElseThrow().text());
        assertEquals("openai", raw.headers().values("x-portkey-provider").get(0));
        assertEquals(
                "config.targets[1]",
                raw.headers().values("x-portkey-last-used-option-index").get(0));

        first.enqueue(json(529, AnthropicWire.OVERLOADED));
        second.enqueue(sse(OpenAiWire.TEXT_STREAM));
        assertEquals(
                "Hello there",
                accumulate(client, question().build())
                        .content()
                        .get(0)
                        .text()
                        .orElseThrow()
                        .text());
    }

    @Test
    void errorsAreInAnthropicsShape() {
        AnthropicClient toGemini = configured(target("google", first, "", "gemini-2.5-flash"));
        first.enqueue(json(429, GeminiWire.RATE_LIMITED));

        RateLimitException limited = assertThrows(RateLimitException.class, () -> toGemini.messages()
                .create(question().build()));
        assertEquals(ErrorType.RATE_LIMIT_ERROR, limited.type().orElseThrow());

        AnthropicClient toOpenAi = configured(target("openai", first, "/v1", "gpt-4o"));
        BadRequestException unsupported = assertThrows(BadRequestException.class, () -> toOpenAi.messages()
                .countTokens(MessageCountTokensParams.builder()
                        .model("gpt-4o")
                        .addUserMessage("Hi")
                        .build()));
        assertEquals(ErrorType.INVALID_REQUEST_ERROR, unsupported.type().orElseThrow());
        assertEquals(
                "true",
                unsupported.headers().values("x-portkey-gateway-exception").get(0));
        assertEquals(1, first.getRequestCount(), "count_tokens never reached openai");
    }

    private static MessageCreateParams.Builder question() {
        return MessageCreateParams.builder()
                .model("claude-sonnet-4-5")
                .maxTokens(200)
                .addUserMessage("What is the weather in Paris?");
    }

    private static Tool weatherTool() {
        return Tool.builder()
                .name("get_weather")
                .description("The weather in a city")
                .inputSchema(Tool.InputSchema.builder()
                        .properties(Tool.InputSchema.Properties.builder()
                                .putAdditionalProperty("city", JsonValue.from(Map.of("type", "string")))
                                .build())
                        .required(List.of("city"))
                        .build())
                .build();
    }

    private static Message accumulate(AnthropicClient client, MessageCreateParams params) {
        MessageAccumulator accumulator = MessageAccumulator.create();
        try (StreamResponse<RawMessageStreamEvent> stream = client.messages().createStreaming(params)) {
            stream.stream().forEach(accumulator::accumulate);
        }
        return accumulator.message();
    }

    /** Header mode: Anthropic with the caller's own key and beta flags, as Claude Code calls it. */
    private AnthropicClient anthropicClient(MockWebServer upstream) {
        return AnthropicOkHttpClient.builder()
                .baseUrl(server.url())
                .apiKey(CALLER_KEY)
                .maxRetries(0)
                .putHeader("anthropic-beta", "context-management-2025-06-27")
                .putHeader("x-portkey-provider", "anthropic")
                .putHeader("x-portkey-custom-host", upstream.url("/v1").toString())
                .build();
    }

    private AnthropicClient configured(String config) {
        return AnthropicOkHttpClient.builder()
                .baseUrl(server.url())
                .apiKey(CALLER_KEY)
                .maxRetries(0)
                .putHeader("x-portkey-config", config)
                .build();
    }

    private static String target(String provider, MockWebServer upstream, String path, String model) {
        String host = upstream.url(path.isEmpty() ? "/" : path).toString();
        return "{\"provider\":\"" + provider + "\",\"api_key\":\"sk-" + provider + "\",\"custom_host\":\"" + host + "\""
                + (model == null ? "" : ",\"override_params\":{\"model\":\"" + model + "\"}") + "}";
    }

    static MockResponse json(int status, String body) {
        return new MockResponse.Builder()
                .code(status)
                .addHeader("content-type", "application/json")
                .body(body)
                .build();
    }

    static MockResponse sse(String body) {
        return new MockResponse.Builder()
                .code(200)
                .addHeader("content-type", "text/event-stream")
                .chunkedBody(body, 32)
                .build();
    }
}
