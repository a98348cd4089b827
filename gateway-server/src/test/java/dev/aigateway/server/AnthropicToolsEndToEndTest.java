package dev.aigateway.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.helpers.ChatCompletionAccumulator;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionMessageFunctionToolCall;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.chat.completions.ChatCompletionToolMessageParam;
import com.openai.models.completions.CompletionUsage;
import dev.aigateway.core.Gateway;
import dev.aigateway.core.internal.Json;
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
 * Several tool calls in one Anthropic turn, as openai-java sees them through the server in header
 * mode (the SDK's API key is Anthropic's key): a streamed turn accumulated by the SDK's own
 * {@link ChatCompletionAccumulator} (which reads usage only from a last chunk of its own, so usage
 * comes only there, and only with {@code stream_options.include_usage}), and the results sent back
 * as one user turn of tool_result blocks.
 */
class AnthropicToolsEndToEndTest {
    private static final String KEY = "sk-ant-e2e";

    private final MockWebServer anthropic = new MockWebServer();
    private GatewayServer server;
    private OpenAIClient client;

    @BeforeEach
    void start() throws Exception {
        anthropic.start();
        server = GatewayServer.builder()
                .port(0)
                .gateway(Gateway.builder().sleeper(d -> {}).build())
                .build()
                .start();
        client = OpenAIOkHttpClient.builder()
                .baseUrl(server.url() + "/v1")
                .apiKey(KEY)
                .maxRetries(0)
                .putHeader("x-portkey-provider", "anthropic")
                .putHeader("x-portkey-custom-host", anthropic.url("/v1").toString())
                .build();
    }

    @AfterEach
    void stop() {
        server.close();
        anthropic.close();
    }

    @Test
    void twoStreamedToolCallsAccumulateIntoTwoCallsWithUsage() throws Exception {
        anthropic.enqueue(new MockResponse.Builder()
                .code(200)
                .addHeader("content-type", "text/event-stream")
                .chunkedBody(twoToolStream(), 48)
                .build());

        ChatCompletionAccumulator accumulator = ChatCompletionAccumulator.create();
        ChatCompletionCreateParams withUsage = question().toBuilder()
                .streamOptions(
                        ChatCompletionStreamOptions.builder().includeUsage(true).build())
                .build();
        try (StreamResponse<ChatCompletionChunk> stream =
                client.chat().completions().createStreaming(withUsage)) {
            stream.stream().forEach(accumulator::accumulate);
        }

        ChatCompletion answer = accumulator.chatCompletion();
        List<ChatCompletionMessageFunctionToolCall> calls = functionCalls(answer);
        assertEquals(2, calls.size());
        assertEquals("toolu_01A", calls.get(0).id());
        assertEquals("get_weather", calls.get(0).function().name());
        assertEquals("{\"city\": \"Paris\"}", calls.get(0).function().arguments());
        assertEquals("toolu_01B", calls.get(1).id());
        assertEquals("get_weather", calls.get(1).function().name());
        assertEquals("{\"city\": \"Tokyo\"}", calls.get(1).function().arguments());
        assertEquals(
                "Checking both.", answer.choices().get(0).message().content().orElseThrow());
        assertEquals(
                ChatCompletion.Choice.FinishReason.TOOL_CALLS,
                answer.choices().get(0).finishReason());
        CompletionUsage usage = answer.usage().orElseThrow();
        assertEquals(40, usage.promptTokens());
        assertEquals(30, usage.completionTokens());
        assertEquals(70, usage.totalTokens());

        RecordedRequest sent = anthropic.takeRequest(1, TimeUnit.SECONDS);
        assertEquals("/v1/messages", sent.getTarget());
        assertEquals(KEY, sent.getHeaders().get("x-api-key"));
        assertNull(sent.getHeaders().get("authorization"));
        JsonNode body = Json.parse(sent.getBody().utf8());
        assertEquals(true, body.path("stream").asBoolean());
        assertFalse(body.has("stream_options"), "Anthropic rejects OpenAI's stream_options");
        assertEquals("get_weather", body.at("/tools/0/name").asText());
        assertEquals(
                "string", body.at("/tools/0/input_schema/properties/city/type").asText());
    }

    @Test
    void withoutIncludeUsageTheAccumulatorStillRebuildsTheTurn() {
        anthropic.enqueue(new MockResponse.Builder()
                .code(200)
                .addHeader("content-type", "text/event-stream")
                .chunkedBody(twoToolStream(), 48)
                .build());

        ChatCompletionAccumulator accumulator = ChatCompletionAccumulator.create();
        try (StreamResponse<ChatCompletionChunk> stream =
                client.chat().completions().createStreaming(question())) {
            stream.stream().forEach(accumulator::accumulate);
        }

        ChatCompletion answer = accumulator.chatCompletion();
        assertEquals(2, functionCalls(answer).size());
        assertEquals(
                "Checking both.", answer.choices().get(0).message().content().orElseThrow());
        assertEquals(
                ChatCompletion.Choice.FinishReason.TOOL_CALLS,
                answer.choices().get(0).finishReason());
        assertFalse(answer.usage().isPresent(), "no usage asked for, none given, as OpenAI");
    }

    @Test
    void twoToolCallsAndTheirResultsMakeTheRoundTrip() throws Exception {
        anthropic.enqueue(json(message(
                "[{\"type\":\"tool_use\",\"id\":\"toolu_01A\",\"name\":\"get_weather\",\"input\":{\"city\":\"Paris\"}},"
                        + "{\"type\":\"tool_use\",\"id\":\"toolu_01B\",\"name\":\"get_weather\",\"input\":{\"city\":\"Tokyo\"}}]",
                "tool_use")));
        anthropic.enqueue(json(message("[{\"type\":\"text\",\"text\":\"Paris 18C, Tokyo 25C.\"}]", "end_turn")));

        ChatCompletion first = client.chat().completions().create(question());
        List<ChatCompletionMessageFunctionToolCall> calls = functionCalls(first);
        assertEquals(2, calls.size());
        assertEquals("{\"city\":\"Tokyo\"}", calls.get(1).function().arguments());
        assertEquals(
                ChatCompletion.Choice.FinishReason.TOOL_CALLS,
                first.choices().get(0).finishReason());

        ChatCompletion second = client.chat()
                .completions()
                .create(question().toBuilder()
                        .addMessage(first.choices().get(0).message())
                        .addMessage(toolResult("toolu_01A", "18C"))
                        .addMessage(toolResult("toolu_01B", "25C"))
                        .build());

        assertEquals(
                "Paris 18C, Tokyo 25C.",
                second.choices().get(0).message().content().orElseThrow());
        anthropic.takeRequest(1, TimeUnit.SECONDS);
        JsonNode messages = Json.parse(
                        anthropic.takeRequest(1, TimeUnit.SECONDS).getBody().utf8())
                .path("messages");
        assertEquals(3, messages.size(), messages::toString);
        assertEquals("tool_use", messages.at("/1/content/0/type").asText());
        assertEquals("Paris", messages.at("/1/content/0/input/city").asText());
        assertEquals("toolu_01B", messages.at("/1/content/1/id").asText());
        assertEquals("user", messages.at("/2/role").asText());
        assertEquals("toolu_01A", messages.at("/2/content/0/tool_use_id").asText());
        assertEquals("18C", messages.at("/2/content/0/content").asText());
        assertEquals("toolu_01B", messages.at("/2/content/1/tool_use_id").asText());
    }

    private static ChatCompletionCreateParams question() {
        return ChatCompletionCreateParams.builder()
                .model("claude-sonnet-4-5")
                .addUserMessage("Weather in Paris and Tokyo?")
                .addFunctionTool(FunctionDefinition.builder()
                        .name("get_weather")
                        .parameters(FunctionParameters.builder()
                                .putAdditionalProperty("type", JsonValue.from("object"))
                                .putAdditionalProperty(
                                        "properties", JsonValue.from(Map.of("city", Map.of("type", "string"))))
                                .build())
                        .build())
                .build();
    }

    private static ChatCompletionToolMessageParam toolResult(String id, String content) {
        return ChatCompletionToolMessageParam.builder()
                .toolCallId(id)
                .content(content)
                .build();
    }

    private static List<ChatCompletionMessageFunctionToolCall> functionCalls(ChatCompletion answer) {
        return answer.choices().get(0).message().toolCalls().orElseThrow().stream()
                .map(call -> call.function().orElseThrow())
                .toList();
    }

    private static String message(String content, String stopReason) {
        return "{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude-sonnet-4-5\","
                + "\"content\":" + content + ",\"stop_reason\":\"" + stopReason + "\","
                + "\"usage\":{\"input_tokens\":40,\"output_tokens\":30}}";
    }

    private static MockResponse json(String body) {
        return new MockResponse.Builder()
                .code(200)
                .addHeader("content-type", "application/json")
                .body(body)
                .build();
    }

    /** Text, then two tool_use blocks whose argument deltas arrive in pieces (Anthropic's docs). */
    private static String twoToolStream() {
        return event(
                        "message_start",
                        "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\","
                                + "\"content\":[],\"model\":\"claude-sonnet-4-5\",\"stop_reason\":null,\"stop_sequence\":null,"
                                + "\"usage\":{\"input_tokens\":40,\"output_tokens\":1}}}")
                + event(
                        "content_block_start",
                        "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}")
                + event("ping", "{\"type\":\"ping\"}")
                + event(
                        "content_block_delta",
                        "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"Checking both.\"}}")
                + event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}")
                + toolBlock(1, "toolu_01A", "{\\\"city\\\": ", "\\\"Paris\\\"}")
                + toolBlock(2, "toolu_01B", "{\\\"city\\\": ", "\\\"Tokyo\\\"}")
                + event(
                        "message_delta",
                        "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"tool_use\",\"stop_sequence\":null},"
                                + "\"usage\":{\"output_tokens\":30}}")
                + event("message_stop", "{\"type\":\"message_stop\"}");
    }

    private static String toolBlock(int index, String id, String... argumentParts) {
        StringBuilder events = new StringBuilder(event(
                "content_block_start",
                "{\"type\":\"content_block_start\",\"index\":" + index + ",\"content_block\":{\"type\":\"tool_use\","
                        + "\"id\":\"" + id + "\",\"name\":\"get_weather\",\"input\":{}}}"));
        for (String part : argumentParts) {
            events.append(event(
                    "content_block_delta",
                    "{\"type\":\"content_block_delta\",\"index\":" + index
                            + ",\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"" + part + "\"}}"));
        }
        return events.append(event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":" + index + "}"))
                .toString();
    }

    private static String event(String name, String data) {
        return "event: " + name + "\ndata: " + data + "\n\n";
    }
}
