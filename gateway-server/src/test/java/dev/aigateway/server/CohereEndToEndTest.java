package dev.aigateway.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.ObjectMappers;
import com.openai.core.http.HttpResponseFor;
import com.openai.core.http.StreamResponse;
import com.openai.errors.RateLimitException;
import com.openai.errors.UnauthorizedException;
import com.openai.helpers.ChatCompletionAccumulator;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionMessageFunctionToolCall;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.chat.completions.ChatCompletionToolMessageParam;
import com.openai.models.embeddings.CreateEmbeddingResponse;
import com.openai.models.embeddings.EmbeddingCreateParams;
import dev.aigateway.core.Gateway;
import dev.aigateway.core.internal.Json;
import dev.aigateway.server.fakes.FakeCohere;
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
 * openai-java through the server to a fake Cohere that checks the key it receives and refuses
 * fields Cohere does not know ({@link FakeCohere}), in header mode (the SDK's API key is Cohere's
 * key): a plain answer, a stream accumulated by the SDK, a tool loop (complete and streamed),
 * grounding documents passed through, embeddings as openai-java asks for them (base64, decoded by
 * the SDK) with Cohere's input type, and Cohere's errors as the SDK's typed exceptions.
 */
class CohereEndToEndTest {
    private static final String KEY = "co-e2e-key";
    private static final String MODEL = "command-a-03-2025";

    private final MockWebServer cohere = new MockWebServer();
    private GatewayServer server;
    private OpenAIClient client;

    @BeforeEach
    void start() throws Exception {
        cohere.setDispatcher(new FakeCohere(KEY));
        cohere.start();
        server = GatewayServer.builder()
                .port(0)
                .gateway(Gateway.builder().sleeper(d -> {}).build())
                .build()
                .start();
        client = client(KEY);
    }

    @AfterEach
    void stop() {
        server.close();
        cohere.close();
    }

    private OpenAIClient client(String key) {
        String host = cohere.url("/").toString();
        return OpenAIOkHttpClient.builder()
                .baseUrl(server.url() + "/v1")
                .apiKey(key)
                .maxRetries(0)
                .putHeader("x-portkey-provider", "cohere")
                .putHeader("x-portkey-custom-host", host.substring(0, host.length() - 1))
                .build();
    }

    @Test
    void aPlainAnswerWithUsage() throws Exception {
        ChatCompletion answer = client.chat()
                .completions()
                .create(ChatCompletionCreateParams.builder()
                        .model(MODEL)
                        .addDeveloperMessage("Be brief.")
                        .addUserMessage("Say hello")
                        .maxCompletionTokens(50)
                        .build());

        assertEquals(
                FakeCohere.ANSWER, answer.choices().get(0).message().content().orElseThrow());
        assertEquals(
                ChatCompletion.Choice.FinishReason.STOP, answer.choices().get(0).finishReason());
        assertEquals(112, answer.usage().orElseThrow().promptTokens());
        assertEquals(6, answer.usage().orElseThrow().completionTokens());
        assertEquals(MODEL, answer.model());
        RecordedRequest sent = cohere.takeRequest(1, TimeUnit.SECONDS);
        assertEquals("/v2/chat", sent.getTarget());
        assertEquals("Bearer " + KEY, sent.getHeaders().get("authorization"));
        JsonNode body = Json.parse(sent.getBody().utf8());
        assertEquals("system", body.at("/messages/0/role").asText());
        assertEquals(50, body.path("max_tokens").asInt());
    }

    @Test
    void aStreamAccumulatedByTheSdkWithUsageAtTheEnd() {
        ChatCompletionAccumulator accumulator = ChatCompletionAccumulator.create();
        ChatCompletionCreateParams params = OpenAiClients.sayHello(MODEL).toBuilder()
                .streamOptions(
                        ChatCompletionStreamOptions.builder().includeUsage(true).build())
                .build();
        try (StreamResponse<ChatCompletionChunk> stream =
                client.chat().completions().createStreaming(params)) {
            stream.stream().forEach(accumulator::accumulate);
        }

        ChatCompletion answer = accumulator.chatCompletion();
        assertEquals(
                FakeCohere.ANSWER, answer.choices().get(0).message().content().orElseThrow());
        assertEquals(
                ChatCompletion.Choice.FinishReason.STOP, answer.choices().get(0).finishReason());
        assertEquals(118, answer.usage().orElseThrow().totalTokens());
    }

    @Test
    void aToolLoop() throws Exception {
        ChatCompletion first = client.chat().completions().create(weatherQuestion());
        List<ChatCompletionMessageFunctionToolCall> calls = functionCalls(first);
        assertEquals(1, calls.size());
        assertEquals("get_weather", calls.get(0).function().name());
        assertEquals("{\"city\":\"Paris\"}", calls.get(0).function().arguments());
        assertEquals(
                ChatCompletion.Choice.FinishReason.TOOL_CALLS,
                first.choices().get(0).finishReason());

        ChatCompletion second = client.chat()
                .completions()
                .create(weatherQuestion().toBuilder()
                        .addMessage(first.choices().get(0).message())
                        .addMessage(ChatCompletionToolMessageParam.builder()
                                .toolCallId(calls.get(0).id())
                                .content("18C and sunny")
                                .build())
                        .build());

        assertEquals(
                "It is 18C and sunny in Paris.",
                second.choices().get(0).message().content().orElseThrow());
        cohere.takeRequest(1, TimeUnit.SECONDS);
        JsonNode messages = Json.parse(
                        cohere.takeRequest(1, TimeUnit.SECONDS).getBody().utf8())
                .path("messages");
        assertEquals("assistant", messages.at("/1/role").asText());
        assertEquals("get_weather_1", messages.at("/1/tool_calls/0/id").asText());
        assertFalse(messages.get(1).has("content"), "no null content beside tool calls: " + messages.get(1));
        assertEquals("tool", messages.at("/2/role").asText());
        assertEquals("get_weather_1", messages.at("/2/tool_call_id").asText());
    }

    @Test
    void aStreamedToolCallAccumulatesIntoOneCall() {
        ChatCompletionAccumulator accumulator = ChatCompletionAccumulator.create();
        try (StreamResponse<ChatCompletionChunk> stream =
                client.chat().completions().createStreaming(weatherQuestion())) {
            stream.stream().forEach(accumulator::accumulate);
        }

        ChatCompletion answer = accumulator.chatCompletion();
        List<ChatCompletionMessageFunctionToolCall> calls = functionCalls(answer);
        assertEquals(1, calls.size());
        assertEquals("get_weather_1", calls.get(0).id());
        assertEquals("{\"city\":\"Paris\"}", calls.get(0).function().arguments());
        assertEquals(
                ChatCompletion.Choice.FinishReason.TOOL_CALLS,
                answer.choices().get(0).finishReason());
    }

    @Test
    void documentsArePassedThroughAndCitationsComeBackWithStrictComplianceOff() throws Exception {
        ChatCompletion answer = client.chat()
                .completions()
                .create(ChatCompletionCreateParams.builder()
                        .model(MODEL)
                        .addUserMessage("How tall is Everest?")
                        .putAdditionalBodyProperty(
                                "documents",
                                JsonValue.from(
                                        List.of(Map.of("id", "d1", "data", Map.of("text", "Everest is 8849 m.")))))
                        .build());

        assertEquals(
                "The documents say: Everest is 8849 m.",
                answer.choices().get(0).message().content().orElseThrow());
        JsonNode sent =
                Json.parse(cohere.takeRequest(1, TimeUnit.SECONDS).getBody().utf8());
        assertEquals("d1", sent.at("/documents/0/id").asText());

        OpenAIClient notStrict =
                client(KEY).withOptions(options -> options.putHeader("x-portkey-strict-open-ai-compliance", "false"));
        try (HttpResponseFor<ChatCompletion> raw = notStrict
                .chat()
                .completions()
                .withRawResponse()
                .create(ChatCompletionCreateParams.builder()
                        .model(MODEL)
                        .addUserMessage("How tall is Everest?")
                        .putAdditionalBodyProperty("documents", JsonValue.from(List.of("Everest is 8849 m.")))
                        .build())) {
            JsonNode message = Json.parse(raw.body().readAllBytes()).at("/choices/0/message");
            assertEquals("Everest is 8849 m.", message.at("/citations/0/text").asText(), message::toString);
        }
    }

    /**
     * openai-java asks for base64 unless told otherwise, and decodes floats as well: the raw answer
     * shows the vectors came as base64 strings, which the SDK's own mapper turns back into floats.
     */
    @Test
    void embeddingsAsOpenAiJavaAsksForThemByDefaultWithCohereInputType() throws Exception {
        CreateEmbeddingResponse answer;
        try (HttpResponseFor<CreateEmbeddingResponse> raw = client.embeddings()
                .withRawResponse()
                .create(EmbeddingCreateParams.builder()
                        .model("embed-v4.0")
                        .inputOfArrayOfStrings(List.of("hello", "hi"))
                        .putAdditionalBodyProperty("input_type", JsonValue.from("search_query"))
                        .build())) {
            byte[] body = raw.body().readAllBytes();
            assertTrue(Json.parse(body).at("/data/0/embedding").isTextual(), new String(body, StandardCharsets.UTF_8));
            answer = ObjectMappers.jsonMapper().readValue(body, CreateEmbeddingResponse.class);
        }

        assertEquals(List.of(5.0f, 0.5f, -0.25f), answer.data().get(0).embedding());
        assertEquals(List.of(2.0f, 0.5f, -0.25f), answer.data().get(1).embedding());
        assertEquals(1, answer.data().get(1).index());
        assertEquals(4, answer.usage().promptTokens());
        JsonNode sent =
                Json.parse(cohere.takeRequest(1, TimeUnit.SECONDS).getBody().utf8());
        assertEquals("search_query", sent.path("input_type").asText());
        assertEquals("[\"float\"]", Json.text(sent.path("embedding_types")));
        assertEquals("[\"hello\",\"hi\"]", Json.text(sent.path("texts")));
    }

    @Test
    void embeddingsWithoutAnInputTypeGetSearchDocument() throws Exception {
        CreateEmbeddingResponse answer = client.embeddings()
                .create(EmbeddingCreateParams.builder()
                        .model("embed-v4.0")
                        .input("hello")
                        .encodingFormat(EmbeddingCreateParams.EncodingFormat.FLOAT)
                        .build());

        assertEquals(List.of(5.0f, 0.5f, -0.25f), answer.data().get(0).embedding());
        assertEquals(
                "search_document",
                Json.parse(cohere.takeRequest(1, TimeUnit.SECONDS).getBody().utf8())
                        .path("input_type")
                        .asText());
    }

    @Test
    void aWrongKeyIsTheSdksUnauthorizedException() {
        UnauthorizedException error = assertThrows(
                UnauthorizedException.class,
                () -> client("not-the-key").chat().completions().create(OpenAiClients.sayHello(MODEL)));

        assertEquals(401, error.statusCode());
        assertTrue(error.getMessage().contains("cohere error: invalid api token"), error.getMessage());
    }

    @Test
    void aRateLimitIsTheSdksRateLimitException() {
        cohere.setDispatcher(new mockwebserver3.QueueDispatcher());
        cohere.enqueue(new MockResponse.Builder()
                .code(429)
                .addHeader("content-type", "application/json")
                .body(
                        "{\"id\":\"r\",\"message\":\"You are using a Trial key, which is limited to 10 API calls / minute.\"}")
                .build());

        RateLimitException error = assertThrows(
                RateLimitException.class, () -> client.chat().completions().create(OpenAiClients.sayHello(MODEL)));

        assertTrue(error.getMessage().contains("Trial key"), error.getMessage());
    }

    private static ChatCompletionCreateParams weatherQuestion() {
        return ChatCompletionCreateParams.builder()
                .model(MODEL)
                .addUserMessage("Weather in Paris?")
                .addFunctionTool(FunctionDefinition.builder()
                        .name("get_weather")
                        .description("Current weather in a city")
                        .parameters(FunctionParameters.builder()
                                .putAdditionalProperty("type", JsonValue.from("object"))
                                .putAdditionalProperty(
                                        "properties", JsonValue.from(Map.of("city", Map.of("type", "string"))))
                                .build())
                        .strict(true)
                        .build())
                .build();
    }

    private static List<ChatCompletionMessageFunctionToolCall> functionCalls(ChatCompletion answer) {
        return answer.choices().get(0).message().toolCalls().orElseThrow().stream()
                .map(call -> call.function().orElseThrow())
                .toList();
    }
}
