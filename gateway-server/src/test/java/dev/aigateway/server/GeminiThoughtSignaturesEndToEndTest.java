package dev.aigateway.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.openai.client.OpenAIClient;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.errors.BadRequestException;
import com.openai.helpers.ChatCompletionAccumulator;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionMessage;
import com.openai.models.chat.completions.ChatCompletionMessageFunctionToolCall;
import com.openai.models.chat.completions.ChatCompletionMessageToolCall;
import com.openai.models.chat.completions.ChatCompletionToolMessageParam;
import dev.aigateway.core.Gateway;
import dev.aigateway.core.provider.Providers;
import dev.aigateway.core.provider.vertex.VertexProvider;
import dev.aigateway.core.provider.vertex.auth.GoogleAuth;
import dev.aigateway.server.fakes.FakeGemini3;
import dev.aigateway.server.fakes.FakeVertex;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * openai-java's tool loop against a Gemini 3 that, as the real one, refuses a function call sent
 * back without its thought signature, with strict OpenAI compliance on (the default), on AI Studio
 * ({@code google}) and on Vertex AI ({@code vertex-ai}). The SDK sends back only OpenAI's fields;
 * the signature rides in the tool call's id and the gateway puts it back where Gemini wants it.
 */
class GeminiThoughtSignaturesEndToEndTest {
    private final MockWebServer upstream = new MockWebServer();
    private GatewayServer server;

    @BeforeEach
    void start() throws Exception {
        upstream.setDispatcher(new FakeVertex("ya29.caller-token"::equals, "studio-key"));
        upstream.start();
        GoogleAuth noAmbient = GoogleAuth.builder().environment(Map.of()).build();
        server = GatewayServer.builder()
                .port(0)
                .gateway(Gateway.builder()
                        .providers(Providers.defaults().with(new VertexProvider(noAmbient)))
                        .build())
                .build()
                .start();
    }

    @AfterEach
    void stop() {
        server.close();
        upstream.close();
    }

    private OpenAIClient client(String provider) {
        String host = upstream.url("").toString();
        String config = provider.equals("google")
                ? "{\"provider\":\"google\",\"api_key\":\"studio-key\",\"custom_host\":\"" + host + "\"}"
                : "{\"provider\":\"vertex-ai\",\"api_key\":\"ya29.caller-token\",\"vertex_project_id\":\"p\","
                        + "\"vertex_region\":\"us-central1\",\"custom_host\":\"" + host + "\"}";
        return OpenAiClients.withConfig(server, config);
    }

    @ParameterizedTest
    @ValueSource(strings = {"google", "vertex-ai"})
    void theToolLoopCompletesWithTheSignatureCarriedInTheId(String provider) {
        OpenAIClient client = client(provider);

        ChatCompletion first = client.chat().completions().create(question());
        ChatCompletionMessage call = first.choices().get(0).message();
        ChatCompletionMessageFunctionToolCall toolCall = onlyCall(call);
        assertTrue(toolCall.id().contains("__thought__"), toolCall.id());
        assertTrue(toolCall.id().matches("[A-Za-z0-9_-]+"), "base64url only: " + toolCall.id());
        assertEquals("{\"city\":\"Paris\"}", toolCall.function().arguments());

        ChatCompletion second = client.chat().completions().create(withResult(call, toolCall.id()));

        assertEquals(
                "It is 18C and sunny in Paris.",
                second.choices().get(0).message().content().orElseThrow());
    }

    @ParameterizedTest
    @ValueSource(strings = {"google", "vertex-ai"})
    void theStreamedToolLoopCompletesThroughTheAccumulator(String provider) {
        OpenAIClient client = client(provider);
        ChatCompletionAccumulator accumulator = ChatCompletionAccumulator.create();
        try (StreamResponse<ChatCompletionChunk> stream =
                client.chat().completions().createStreaming(question())) {
            stream.stream().forEach(accumulator::accumulate);
        }
        ChatCompletionMessage call =
                accumulator.chatCompletion().choices().get(0).message();
        ChatCompletionMessageFunctionToolCall toolCall = onlyCall(call);

        ChatCompletion second = client.chat().completions().create(withResult(call, toolCall.id()));

        assertEquals(
                "It is 18C and sunny in Paris.",
                second.choices().get(0).message().content().orElseThrow());
    }

    /** The control: the same history with the signature cut from the id is refused, as Gemini 3 does. */
    @ParameterizedTest
    @ValueSource(strings = {"google", "vertex-ai"})
    void withoutTheSignatureGemini3RefusesTheHistory(String provider) {
        OpenAIClient client = client(provider);
        ChatCompletionMessage call =
                client.chat().completions().create(question()).choices().get(0).message();
        ChatCompletionMessageFunctionToolCall toolCall = onlyCall(call);
        String bare = toolCall.id().substring(0, toolCall.id().indexOf("__thought__"));
        ChatCompletionMessage unsigned = call.toBuilder()
                .toolCalls(List.of(ChatCompletionMessageToolCall.ofFunction(
                        toolCall.toBuilder().id(bare).build())))
                .build();

        BadRequestException refused = assertThrows(
                BadRequestException.class, () -> client.chat().completions().create(withResult(unsigned, bare)));
        assertTrue(refused.getMessage().contains(FakeGemini3.MISSING_SIGNATURE), refused.getMessage());
    }

    private static ChatCompletionMessageFunctionToolCall onlyCall(ChatCompletionMessage message) {
        List<ChatCompletionMessageToolCall> calls = message.toolCalls().orElseThrow();
        assertEquals(1, calls.size());
        return calls.get(0).function().orElseThrow();
    }

    private static ChatCompletionCreateParams withResult(ChatCompletionMessage call, String id) {
        return question().toBuilder()
                .addMessage(call)
                .addMessage(ChatCompletionToolMessageParam.builder()
                        .toolCallId(id)
                        .content("18C and sunny")
                        .build())
                .build();
    }

    private static ChatCompletionCreateParams question() {
        return ChatCompletionCreateParams.builder()
                .model("gemini-3-pro-preview")
                .addUserMessage("What is the weather in Paris?")
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
}
