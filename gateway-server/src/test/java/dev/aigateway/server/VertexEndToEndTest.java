package dev.aigateway.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.errors.UnauthorizedException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.embeddings.CreateEmbeddingResponse;
import com.openai.models.embeddings.EmbeddingCreateParams;
import dev.aigateway.core.Gateway;
import dev.aigateway.core.internal.Json;
import dev.aigateway.core.provider.Providers;
import dev.aigateway.core.provider.vertex.VertexProvider;
import dev.aigateway.core.provider.vertex.auth.GoogleAuth;
import dev.aigateway.server.fakes.FakeGoogleOAuth;
import dev.aigateway.server.fakes.FakeVertex;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * vertex-ai through the server with the official SDKs, authenticated by a service account key: the
 * gateway signs a JWT, a fake token endpoint checks its signature with the account's public key and
 * issues tokens, and a fake Vertex AI accepts only those tokens. Gemini and Claude answer chat
 * completions (plain and streamed), Claude answers Anthropic's SDK on {@code /v1/messages}, and
 * the text embedding model answers openai-java's default base64 embeddings.
 */
class VertexEndToEndTest {
    private final FakeGoogleOAuth oauth = new FakeGoogleOAuth("gateway@my-project.iam.gserviceaccount.com");
    private final MockWebServer tokenEndpoint = new MockWebServer();
    private final MockWebServer vertexHost = new MockWebServer();
    private final FakeVertex vertex = new FakeVertex(oauth::issued, "unused");
    private GatewayServer server;

    @BeforeEach
    void start() throws Exception {
        tokenEndpoint.setDispatcher(oauth);
        tokenEndpoint.start();
        vertexHost.setDispatcher(vertex);
        vertexHost.start();
        String tokenUrl = tokenEndpoint.url("/token").toString();
        oauth.audience(tokenUrl);
        GoogleAuth auth =
                GoogleAuth.builder().tokenUrl(tokenUrl).environment(Map.of()).build();
        server = GatewayServer.builder()
                .port(0)
                .gateway(Gateway.builder()
                        .providers(Providers.defaults().with(new VertexProvider(auth)))
                        .build())
                .build()
                .start();
    }

    @AfterEach
    void stop() {
        server.close();
        vertexHost.close();
        tokenEndpoint.close();
    }

    private String target(JsonNode keyFile) {
        return "{\"provider\":\"vertex-ai\",\"vertex_region\":\"us-central1\",\"custom_host\":\"" + vertexHost.url("")
                + "\",\"vertex_service_account_json\":" + Json.text(keyFile) + "}";
    }

    private OpenAIClient openAi() {
        return OpenAiClients.withConfig(server, target(oauth.keyFile()));
    }

    @Test
    void geminiAnswersThroughATokenMintedFromTheServiceAccount() throws Exception {
        ChatCompletion answer = openAi().chat().completions().create(OpenAiClients.sayHello("gemini-2.5-pro"));

        assertEquals(
                "Hello from Gemini 3.",
                answer.choices().get(0).message().content().orElseThrow());
        assertEquals(18, answer.usage().orElseThrow().totalTokens());
        RecordedRequest sent = vertexHost.takeRequest(1, TimeUnit.SECONDS);
        assertEquals(
                "/v1/projects/sa-project/locations/us-central1/publishers/google/models/gemini-2.5-pro:generateContent",
                sent.getTarget(),
                "the project comes from the key when the config names none");
        assertEquals("Bearer ya29.fake-1", sent.getHeaders().get("authorization"));
        assertEquals(1, oauth.exchanges());
    }

    @Test
    void geminiStreams() {
        try (com.openai.core.http.StreamResponse<ChatCompletionChunk> stream =
                openAi().chat().completions().createStreaming(OpenAiClients.sayHello("google.gemini-2.5-flash"))) {
            List<ChatCompletionChunk> chunks = stream.stream().toList();
            assertEquals("Hello from Gemini 3.", OpenAiClients.text(chunks));
        }
    }

    @Test
    void claudeAnswersChatCompletionsPlainAndStreamed() throws Exception {
        OpenAIClient client = openAi();
        ChatCompletion answer =
                client.chat().completions().create(OpenAiClients.sayHello("anthropic.claude-sonnet-4@20250514"));
        assertEquals(
                FakeVertex.CLAUDE_ANSWER,
                answer.choices().get(0).message().content().orElseThrow());
        assertEquals(16, answer.usage().orElseThrow().totalTokens());
        assertTrue(vertexHost
                .takeRequest(1, TimeUnit.SECONDS)
                .getTarget()
                .endsWith("/publishers/anthropic/models/claude-sonnet-4@20250514:rawPredict"));

        try (com.openai.core.http.StreamResponse<ChatCompletionChunk> stream =
                client.chat().completions().createStreaming(OpenAiClients.sayHello("claude-sonnet-4@20250514"))) {
            assertEquals(
                    FakeVertex.CLAUDE_ANSWER, OpenAiClients.text(stream.stream().toList()));
        }
        assertTrue(vertexHost.takeRequest(1, TimeUnit.SECONDS).getTarget().endsWith(":streamRawPredict"));
    }

    @Test
    void anthropicsSdkReachesClaudeOnVertexThroughMessages() throws Exception {
        AnthropicClient client = AnthropicOkHttpClient.builder()
                .baseUrl(server.url())
                .apiKey("sk-ant-not-used")
                .maxRetries(0)
                .putHeader("x-portkey-config", target(oauth.keyFile()))
                .build();
        MessageCreateParams params = MessageCreateParams.builder()
                .model("claude-sonnet-4@20250514")
                .maxTokens(64)
                .addUserMessage("Say hello")
                .build();

        Message message = client.messages().create(params);
        assertEquals(
                FakeVertex.CLAUDE_ANSWER,
                message.content().get(0).text().orElseThrow().text());
        assertEquals("msg_vrtx_1", message.id());
        JsonNode sent =
                Json.parse(vertexHost.takeRequest(1, TimeUnit.SECONDS).getBody().utf8());
        assertFalse(sent.has("model"), "the model is in the URL");
        assertEquals("vertex-2023-10-16", sent.path("anthropic_version").asText());

        MessageAccumulator accumulator = MessageAccumulator.create();
        try (StreamResponse<RawMessageStreamEvent> stream = client.messages().createStreaming(params)) {
            stream.stream().forEach(accumulator::accumulate);
        }
        assertEquals(
                FakeVertex.CLAUDE_ANSWER,
                accumulator.message().content().get(0).text().orElseThrow().text());
    }

    @Test
    void embeddingsComeBackInTheBase64OpenAiJavaAsksFor() throws Exception {
        CreateEmbeddingResponse answer = openAi().embeddings()
                .create(EmbeddingCreateParams.builder()
                        .model("text-embedding-005")
                        .inputOfArrayOfStrings(List.of("first text", "second"))
                        .build());

        assertEquals(2, answer.data().size());
        for (int i = 0; i < 2; i++) {
            List<Float> vector = answer.data().get(i).embedding();
            assertEquals(FakeVertex.EMBEDDING.length, vector.size());
            for (int j = 0; j < vector.size(); j++) {
                assertEquals(FakeVertex.EMBEDDING[j], vector.get(j));
            }
        }
        assertEquals(3, answer.usage().promptTokens());
        JsonNode sent =
                Json.parse(vertexHost.takeRequest(1, TimeUnit.SECONDS).getBody().utf8());
        assertEquals("first text", sent.at("/instances/0/content").asText());
        assertFalse(sent.has("encoding_format"));
    }

    @Test
    void fiftyConcurrentRequestsWithOneServiceAccountCauseOneTokenExchange() throws Exception {
        oauth.delay(Duration.ofMillis(200)); // so that the requests wait for the exchange together
        OpenAIClient client = openAi();
        ExecutorService callers = Executors.newFixedThreadPool(50);
        try {
            List<Future<ChatCompletion>> answers = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                answers.add(callers.submit(
                        () -> client.chat().completions().create(OpenAiClients.sayHello("gemini-2.5-flash"))));
            }
            for (Future<ChatCompletion> answer : answers) {
                assertEquals(
                        "Hello from Gemini 3.",
                        answer.get(30, TimeUnit.SECONDS)
                                .choices()
                                .get(0)
                                .message()
                                .content()
                                .orElseThrow());
            }
        } finally {
            callers.shutdownNow();
        }
        assertEquals(1, oauth.exchanges(), "one token exchange for 50 requests");
        assertEquals(50, vertex.calls());
        assertEquals(Map.of("ya29.fake-1", 50), counts(vertex));
    }

    @Test
    void aKeyWhoseSignatureDoesNotVerifyIsRefusedWith401() {
        OpenAIClient client = OpenAiClients.withConfig(server, target(oauth.forgedKeyFile()));

        UnauthorizedException refused = assertThrows(
                UnauthorizedException.class,
                () -> client.chat().completions().create(OpenAiClients.sayHello("gemini-2.5-flash")));

        assertTrue(refused.getMessage().contains("invalid_grant: Invalid JWT Signature."), refused.getMessage());
        assertEquals(0, oauth.exchanges());
        assertEquals(0, vertex.calls(), "Vertex is never called without a token");
    }

    private static Map<String, Integer> counts(FakeVertex vertex) {
        Map<String, Integer> counts = new java.util.HashMap<>();
        vertex.tokensSeen().forEach((token, count) -> counts.put(token, count.get()));
        return counts;
    }
}
