package dev.aigateway.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.openai.core.http.HttpResponseFor;
import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.aigateway.core.Gateway;
import dev.aigateway.server.fakes.FakeGemini;
import dev.aigateway.server.fakes.FakeOpenAi;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The product's first user story, end to end: openai-java → the gateway server → fake Gemini and
 * OpenAI upstreams, with a fallback config from Gemini to GPT-4o.
 */
class FallbackScenarioTest {
    static final String GEMINI_KEY = "gemini-good-key";
    static final String OPENAI_KEY = "sk-openai-good-key";
    static final String QUESTION = "Are you an OpenAI model?";

    private final MockWebServer gemini = new MockWebServer();
    private final MockWebServer openai = new MockWebServer();
    private final FakeGemini fakeGemini = new FakeGemini(GEMINI_KEY);
    private final FakeOpenAi fakeOpenAi = new FakeOpenAi(OPENAI_KEY);
    private GatewayServer server;

    @BeforeEach
    void start() throws Exception {
        gemini.setDispatcher(fakeGemini);
        openai.setDispatcher(fakeOpenAi);
        gemini.start();
        openai.start();
        server = GatewayServer.builder()
                .port(0)
                .gateway(Gateway.builder().sleeper(d -> {}).build())
                .build()
                .start();
    }

    @AfterEach
    void stop() {
        server.close();
        gemini.close();
        openai.close();
    }

    /** The scenario's config; {@code geminiTarget} carries the Gemini key, or not. */
    private String config(String geminiKeyField, String geminiExtra) {
        return "{\"strategy\":{\"mode\":\"fallback\"},\"targets\":["
                + "{\"provider\":\"google\"" + geminiKeyField + ",\"custom_host\":\"" + gemini.url("") + "\""
                + geminiExtra + "},"
                + "{\"provider\":\"openai\",\"api_key\":\"" + OPENAI_KEY
                + "\",\"override_params\":{\"model\":\"gpt-4o\"},"
                + "\"custom_host\":\"" + openai.url("/v1") + "\"}]}";
    }

    private static ChatCompletionCreateParams question() {
        return ChatCompletionCreateParams.builder()
                .model("gemini-1.5-flash-latest")
                .addUserMessage(QUESTION)
                .build();
    }

    @Test
    void withAGoodGeminiKeyGeminiAnswers() {
        HttpResponseFor<ChatCompletion> raw = OpenAiClients.withConfig(
                        server, config(",\"api_key\":\"" + GEMINI_KEY + "\"", ""))
                .chat()
                .completions()
                .withRawResponse()
                .create(question());

        ChatCompletion answer = raw.parse();
        assertEquals(
                FakeGemini.ANSWER, answer.choices().get(0).message().content().orElseThrow());
        assertEquals("gemini-1.5-flash-latest", answer.model());
        assertEquals(
                "config.targets[0]",
                raw.headers().values("x-portkey-last-used-option-index").get(0));
        assertEquals("google", raw.headers().values("x-portkey-provider").get(0));
        assertEquals(1, fakeGemini.calls());
        assertEquals(0, openai.getRequestCount());
    }

    @Test
    void withAWrongGeminiKeyGpt4oAnswers() {
        HttpResponseFor<ChatCompletion> raw = OpenAiClients.withConfig(server, config(",\"api_key\":\"wrong-key\"", ""))
                .chat()
                .completions()
                .withRawResponse()
                .create(question());

        assertGpt4oAnswered(raw);
    }

    @Test
    void withTheGeminiKeyRemovedGpt4oAnswers() throws Exception {
        HttpResponseFor<ChatCompletion> raw = OpenAiClients.withConfig(server, config("", ""))
                .chat()
                .completions()
                .withRawResponse()
                .create(question());

        assertGpt4oAnswered(raw);
        assertEquals(
                null,
                gemini.takeRequest(1, TimeUnit.SECONDS).getHeaders().get("x-goog-api-key"),
                "no key was sent to Gemini");
    }

    @Test
    void whenGeminiFailsWith500Gpt4oAnswers() {
        fakeGemini.failWith(new MockResponse.Builder()
                .code(500)
                .body("{\"error\":{\"code\":500,\"message\":\"Internal error\",\"status\":\"INTERNAL\"}}")
                .build());

        assertGpt4oAnswered(OpenAiClients.withConfig(server, config(",\"api_key\":\"" + GEMINI_KEY + "\"", ""))
                .chat()
                .completions()
                .withRawResponse()
                .create(question()));
    }

    @Test
    void whenGeminiTimesOutGpt4oAnswers() {
        fakeGemini.failWith(new MockResponse.Builder()
                .headersDelay(10, TimeUnit.SECONDS)
                .body("{}")
                .build());

        assertGpt4oAnswered(OpenAiClients.withConfig(
                        server, config(",\"api_key\":\"" + GEMINI_KEY + "\"", ",\"request_timeout\":300"))
                .chat()
                .completions()
                .withRawResponse()
                .create(question()));
    }

    private void assertGpt4oAnswered(HttpResponseFor<ChatCompletion> raw) {
        ChatCompletion answer = raw.parse();
        assertEquals(
                FakeOpenAi.ANSWER, answer.choices().get(0).message().content().orElseThrow());
        assertEquals("gpt-4o", answer.model());
        assertEquals(
                "config.targets[1]",
                raw.headers().values("x-portkey-last-used-option-index").get(0));
        assertEquals("openai", raw.headers().values("x-portkey-provider").get(0));
        assertEquals("gpt-4o", fakeOpenAi.bodies().get(0).path("model").asText(), "override_params reached OpenAI");
        assertEquals(
                QUESTION, fakeOpenAi.bodies().get(0).at("/messages/0/content").asText());
    }

    @Test
    void streamingWithAGoodGeminiKey() {
        HttpResponseFor<StreamResponse<ChatCompletionChunk>> raw = OpenAiClients.withConfig(
                        server, config(",\"api_key\":\"" + GEMINI_KEY + "\"", ""))
                .chat()
                .completions()
                .withRawResponse()
                .createStreaming(question());

        assertEquals(
                "config.targets[0]",
                raw.headers().values("x-portkey-last-used-option-index").get(0));
        assertEquals(FakeGemini.ANSWER, OpenAiClients.text(raw));
    }

    @Test
    void streamingWithAWrongGeminiKey() {
        HttpResponseFor<StreamResponse<ChatCompletionChunk>> raw = OpenAiClients.withConfig(
                        server, config(",\"api_key\":\"wrong-key\"", ""))
                .chat()
                .completions()
                .withRawResponse()
                .createStreaming(question());

        assertEquals(
                "config.targets[1]",
                raw.headers().values("x-portkey-last-used-option-index").get(0));
        assertEquals(FakeOpenAi.ANSWER, OpenAiClients.text(raw));
    }

    @Test
    void geminisStreamReachesTheWireAsChunksEndingWithDone() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(server.url() + "/v1/chat/completions"))
                                .header("content-type", "application/json")
                                .header("x-portkey-config", config(",\"api_key\":\"" + GEMINI_KEY + "\"", ""))
                                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"gemini-1.5-flash-latest\","
                                        + "\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"" + QUESTION
                                        + "\"}]}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());

        assertEquals(200, response.statusCode());
        assertEquals(
                "text/event-stream",
                response.headers().firstValue("content-type").orElse(""));
        assertEquals(
                "config.targets[0]",
                response.headers()
                        .firstValue("x-portkey-last-used-option-index")
                        .orElse(""));
        assertTrue(response.body().startsWith("data: {\"id\":"), response.body());
        assertTrue(response.body().contains("\"object\":\"chat.completion.chunk\""), response.body());
        assertTrue(response.body().endsWith("\n\ndata: [DONE]\n\n"), response.body());
    }

    @Test
    void streamingWithTheGeminiKeyRemoved() {
        HttpResponseFor<StreamResponse<ChatCompletionChunk>> raw = OpenAiClients.withConfig(server, config("", ""))
                .chat()
                .completions()
                .withRawResponse()
                .createStreaming(question());

        assertEquals(
                "config.targets[1]",
                raw.headers().values("x-portkey-last-used-option-index").get(0));
        assertEquals(FakeOpenAi.ANSWER, OpenAiClients.text(raw));
        assertTrue(fakeOpenAi.bodies().get(0).path("stream").asBoolean());
    }
}
