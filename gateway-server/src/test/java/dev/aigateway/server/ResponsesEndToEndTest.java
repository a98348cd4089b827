package dev.aigateway.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.errors.BadRequestException;
import com.openai.helpers.ResponseAccumulator;
import com.openai.models.responses.EasyInputMessage;
import com.openai.models.responses.FunctionTool;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseFunctionToolCall;
import com.openai.models.responses.ResponseInputItem;
import com.openai.models.responses.ResponseStatus;
import com.openai.models.responses.ResponseStreamEvent;
import dev.aigateway.core.Gateway;
import dev.aigateway.core.internal.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * openai-java's typed Responses API through the gateway's {@code /v1/responses}: relayed to OpenAI
 * as it is (streams event by event), and translated for Gemini and Anthropic through their chat
 * transforms: create, a stream read with the SDK's own {@link ResponseAccumulator}, and function
 * tools with their results sent back. The upstreams are loopback fakes speaking their own formats.
 */
class ResponsesEndToEndTest {
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
    void relayedToOpenAi() throws Exception {
        OpenAIClient client = client("openai", "sk-openai", "/v1");
        upstream.enqueue(MessagesEndToEndTest.json(
                200, ResponsesWire.response(ResponsesWire.message("Hello from OpenAI"), "completed")));

        Response response = client.responses().create(question("gpt-4.1").build());

        assertEquals("Hello from OpenAI", text(response));
        assertEquals(44, response.usage().orElseThrow().totalTokens());
        RecordedRequest sent = upstream.takeRequest(1, TimeUnit.SECONDS);
        assertEquals("/v1/responses", sent.getTarget());
        assertEquals("Bearer sk-openai", sent.getHeaders().get("authorization"));
        assertEquals(
                "What is the weather in Paris?",
                Json.parse(sent.getBody().utf8()).path("input").asText());

        upstream.enqueue(MessagesEndToEndTest.sse(ResponsesWire.textStream("Hello", " there")));
        List<String> types = new ArrayList<>();
        Response streamed = accumulate(client, question("gpt-4.1").build(), types);
        assertEquals("Hello there", text(streamed));
        assertEquals("response.created", types.get(0));
        assertEquals("response.completed", types.get(types.size() - 1));
        assertEquals(10, types.size(), "every event relayed: " + types);

        upstream.enqueue(
                MessagesEndToEndTest.json(200, ResponsesWire.response(ResponsesWire.FUNCTION_CALL, "completed")));
        upstream.takeRequest(1, TimeUnit.SECONDS);
        Response toolTurn = client.responses()
                .create(question("gpt-4.1").addTool(weatherTool()).build());
        ResponseFunctionToolCall call = toolTurn.output().get(0).functionCall().orElseThrow();
        assertEquals("get_weather", call.name());
        assertEquals("call_01", call.callId());
        assertEquals(
                "get_weather",
                Json.parse(upstream.takeRequest(1, TimeUnit.SECONDS).getBody().utf8())
                        .at("/tools/0/name")
                        .asText());
    }

    @Test
    void translatedForGemini() throws Exception {
        OpenAIClient client = client("google", "sk-google", "");

        upstream.enqueue(MessagesEndToEndTest.json(200, GeminiWire.answer("Hi from Gemini")));
        Response response =
                client.responses().create(question("gemini-2.5-flash").build());
        assertEquals("Hi from Gemini", text(response));
        assertEquals(ResponseStatus.COMPLETED, response.status().orElseThrow());
        assertEquals(9, response.usage().orElseThrow().totalTokens());
        RecordedRequest sent = upstream.takeRequest(1, TimeUnit.SECONDS);
        assertEquals("/v1beta/models/gemini-2.5-flash:generateContent", sent.getTarget());
        assertEquals("sk-google", sent.getHeaders().get("x-goog-api-key"));
        assertEquals(
                "Be brief.",
                Json.parse(sent.getBody().utf8())
                        .at("/systemInstruction/parts/0/text")
                        .asText());

        upstream.enqueue(MessagesEndToEndTest.sse(GeminiWire.TEXT_STREAM));
        Response streamed = accumulate(client, question("gemini-2.5-flash").build(), new ArrayList<>());
        assertEquals("Hello there", text(streamed));
        assertEquals(8, streamed.usage().orElseThrow().totalTokens());
        upstream.takeRequest(1, TimeUnit.SECONDS);

        upstream.enqueue(MessagesEndToEndTest.json(200, GeminiWire.FUNCTION_CALL));
        ResponseFunctionToolCall call = client.responses()
                .create(question("gemini-2.5-flash").addTool(weatherTool()).build())
                .output()
                .get(0)
                .functionCall()
                .orElseThrow();
        assertEquals("get_weather", call.name());
        assertEquals("Paris", Json.parse(call.arguments()).path("city").asText());
        upstream.takeRequest(1, TimeUnit.SECONDS);

        upstream.enqueue(MessagesEndToEndTest.json(200, GeminiWire.answer("Sunny in Paris.")));
        Response answer = client.responses().create(withResult("gemini-2.5-flash", call));
        assertEquals("Sunny in Paris.", text(answer));
        JsonNode gemini =
                Json.parse(upstream.takeRequest(1, TimeUnit.SECONDS).getBody().utf8());
        assertEquals(
                "get_weather",
                gemini.at("/contents/1/parts/0/functionCall/name").asText());
        assertEquals(
                "get_weather",
                gemini.at("/contents/2/parts/0/functionResponse/name").asText());
    }

    @Test
    void translatedForAnthropic() throws Exception {
        OpenAIClient client = client("anthropic", "sk-ant", "/v1");

        upstream.enqueue(MessagesEndToEndTest.json(200, AnthropicWire.ANSWER));
        Response response =
                client.responses().create(question("claude-sonnet-4-5").build());
        assertEquals("Hello from Claude", text(response));
        RecordedRequest sent = upstream.takeRequest(1, TimeUnit.SECONDS);
        assertEquals("/v1/messages", sent.getTarget());
        assertEquals("sk-ant", sent.getHeaders().get("x-api-key"));
        JsonNode body = Json.parse(sent.getBody().utf8());
        assertEquals("Be brief.", body.at("/system/0/text").asText());
        assertEquals(300, body.path("max_tokens").asInt());

        upstream.enqueue(MessagesEndToEndTest.sse(AnthropicWire.TEXT_STREAM));
        Response streamed = accumulate(client, question("claude-sonnet-4-5").build(), new ArrayList<>());
        assertEquals("Hello there", text(streamed));
        assertEquals(12, streamed.usage().orElseThrow().inputTokens());
        upstream.takeRequest(1, TimeUnit.SECONDS);

        upstream.enqueue(MessagesEndToEndTest.sse(AnthropicWire.TOOL_STREAM));
        Response toolTurn = accumulate(
                client, question("claude-sonnet-4-5").addTool(weatherTool()).build(), new ArrayList<>());
        ResponseFunctionToolCall call = toolTurn.output().get(0).functionCall().orElseThrow();
        assertEquals("toolu_05", call.callId());
        assertEquals("Paris", Json.parse(call.arguments()).path("city").asText());
        upstream.takeRequest(1, TimeUnit.SECONDS);

        upstream.enqueue(MessagesEndToEndTest.json(200, AnthropicWire.ANSWER));
        client.responses().create(withResult("claude-sonnet-4-5", call));
        JsonNode anthropic =
                Json.parse(upstream.takeRequest(1, TimeUnit.SECONDS).getBody().utf8());
        assertEquals("toolu_05", anthropic.at("/messages/1/content/0/id").asText());
        assertEquals(
                "toolu_05", anthropic.at("/messages/2/content/0/tool_use_id").asText());
    }

    @Test
    void aMidStreamFailureIsResponseFailed() {
        OpenAIClient client = client("anthropic", "sk-ant", "/v1");
        String cut =
                AnthropicWire.TEXT_STREAM.substring(0, AnthropicWire.TEXT_STREAM.indexOf("event: content_block_stop"))
                        + AnthropicWire.event(
                                "error",
                                "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}");
        upstream.enqueue(MessagesEndToEndTest.sse(cut));

        List<ResponseStreamEvent> events = new ArrayList<>();
        try (StreamResponse<ResponseStreamEvent> stream =
                client.responses().createStreaming(question("claude-sonnet-4-5").build())) {
            stream.stream().forEach(events::add);
        }

        ResponseStreamEvent last = events.get(events.size() - 1);
        Response failed = last.failed().orElseThrow().response();
        assertEquals(ResponseStatus.FAILED, failed.status().orElseThrow());
        assertTrue(failed.error().orElseThrow().message().contains("Overloaded"));
    }

    @Test
    void previousResponseIdIsRefusedForGemini() {
        OpenAIClient client = client("google", "sk-google", "");

        BadRequestException refused = assertThrows(BadRequestException.class, () -> client.responses()
                .create(question("gemini-2.5-flash")
                        .previousResponseId("resp_01")
                        .build()));

        assertEquals(400, refused.statusCode());
        assertEquals(0, upstream.getRequestCount());
    }

    private static ResponseCreateParams.Builder question(String model) {
        return ResponseCreateParams.builder()
                .model(model)
                .instructions("Be brief.")
                .maxOutputTokens(300)
                .input("What is the weather in Paris?");
    }

    /** The question, the model's call and its result, as the next turn's input. */
    private static ResponseCreateParams withResult(String model, ResponseFunctionToolCall call) {
        return ResponseCreateParams.builder()
                .model(model)
                .addTool(weatherTool())
                .inputOfResponse(List.of(
                        ResponseInputItem.ofEasyInputMessage(EasyInputMessage.builder()
                                .role(EasyInputMessage.Role.USER)
                                .content("What is the weather in Paris?")
                                .build()),
                        ResponseInputItem.ofFunctionCall(call),
                        ResponseInputItem.ofFunctionCallOutput(ResponseInputItem.FunctionCallOutput.builder()
                                .callId(call.callId())
                                .output("sunny, 18C")
                                .build())))
                .build();
    }

    private static FunctionTool weatherTool() {
        return FunctionTool.builder()
                .name("get_weather")
                .description("The weather in a city")
                .parameters(FunctionTool.Parameters.builder()
                        .putAdditionalProperty("type", JsonValue.from("object"))
                        .putAdditionalProperty("properties", JsonValue.from(Map.of("city", Map.of("type", "string"))))
                        .putAdditionalProperty("required", JsonValue.from(List.of("city")))
                        .build())
                .strict(false)
                .build();
    }

    private static Response accumulate(OpenAIClient client, ResponseCreateParams params, List<String> types) {
        ResponseAccumulator accumulator = ResponseAccumulator.create();
        try (StreamResponse<ResponseStreamEvent> stream = client.responses().createStreaming(params)) {
            stream.stream().forEach(event -> {
                types.add(
                        event.isCreated() ? "response.created" : event.isCompleted() ? "response.completed" : "other");
                accumulator.accumulate(event);
            });
        }
        return accumulator.response();
    }

    private static String text(Response response) {
        return response.output()
                .get(0)
                .message()
                .orElseThrow()
                .content()
                .get(0)
                .asOutputText()
                .text();
    }

    /** Header mode: the provider, its key as the SDK's API key, and the fake as custom host. */
    private OpenAIClient client(String provider, String key, String path) {
        return OpenAIOkHttpClient.builder()
                .baseUrl(server.url() + "/v1")
                .apiKey(key)
                .maxRetries(0)
                .putHeader("x-portkey-provider", provider)
                .putHeader(
                        "x-portkey-custom-host",
                        upstream.url(path.isEmpty() ? "/" : path).toString())
                .build();
    }
}
