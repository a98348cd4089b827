package dev.aigateway.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.HttpResponseFor;
import com.openai.core.http.StreamResponse;
import com.openai.errors.InternalServerException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.aigateway.client.HeaderOptions;
import dev.aigateway.client.Portkey;
import dev.aigateway.client.PortkeyConfig;
import dev.aigateway.client.Retry;
import dev.aigateway.client.Strategy;
import dev.aigateway.client.Target;
import dev.aigateway.core.Gateway;
import dev.aigateway.server.fakes.FakeGemini;
import dev.aigateway.server.fakes.FakeOpenAi;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** openai-java with {@code Portkey.createHeaders} → the gateway server → fake Gemini and OpenAI. */
class CreateHeadersEndToEndTest {
    private final MockWebServer gemini = new MockWebServer();
    private final MockWebServer openai = new MockWebServer();
    private final FakeGemini fakeGemini = new FakeGemini("gemini-key");
    private final FakeOpenAi fakeOpenAi = new FakeOpenAi("sk-openai");
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

    private Target google(String key) {
        Target.Builder target =
                Target.builder().provider("google").customHost(gemini.url("").toString());
        return (key == null ? target : target.apiKey(key)).build();
    }

    private Target gpt4o() {
        return Target.builder()
                .provider("openai")
                .apiKey("sk-openai")
                .overrideParams(Map.of("model", "gpt-4o"))
                .customHost(openai.url("/v1").toString())
                .build();
    }

    private PortkeyConfig fallback(String geminiKey) {
        return PortkeyConfig.builder()
                .strategy(Strategy.fallback())
                .addTarget(google(geminiKey))
                .addTarget(gpt4o())
                .build();
    }

    /** The scenario's question, as a builder so a test can add per-request headers. */
    private static ChatCompletionCreateParams.Builder question() {
        return ChatCompletionCreateParams.builder()
                .model("gemini-1.5-flash-latest")
                .addUserMessage("Are you an OpenAI model?");
    }

    @Test
    void clientLevelHeadersCarryTheFallbackConfig() {
        OpenAIClient client = OpenAiClients.withHeaders(
                server,
                Portkey.createHeaders(HeaderOptions.builder()
                        .config(fallback(null))
                        .traceId("trace-42")
                        .build()));

        HttpResponseFor<ChatCompletion> raw =
                client.chat().completions().withRawResponse().create(question().build());

        assertEquals(
                FakeOpenAi.ANSWER,
                raw.parse().choices().get(0).message().content().orElseThrow());
        assertEquals(
                "config.targets[1]",
                raw.headers().values("x-portkey-last-used-option-index").get(0));
        assertEquals("trace-42", raw.headers().values("x-portkey-trace-id").get(0));
    }

    @Test
    void clientLevelHeadersWorkForStreams() {
        OpenAIClient client =
                OpenAiClients.withHeaders(server, Portkey.createHeaders(Map.of("config", fallback("gemini-key"))));

        HttpResponseFor<StreamResponse<ChatCompletionChunk>> raw = client.chat()
                .completions()
                .withRawResponse()
                .createStreaming(question().build());

        assertEquals(
                "config.targets[0]",
                raw.headers().values("x-portkey-last-used-option-index").get(0));
        try (StreamResponse<ChatCompletionChunk> stream = raw.parse()) {
            assertEquals(
                    FakeGemini.ANSWER,
                    stream.stream()
                            .flatMap(chunk -> chunk.choices().stream())
                            .map(choice -> choice.delta().content().orElse(""))
                            .collect(Collectors.joining()));
        }
    }

    @Test
    void clientLevelHeadersFallBackWhenStreaming() {
        OpenAIClient client =
                OpenAiClients.withHeaders(server, Portkey.createHeaders(Map.of("config", fallback(null))));

        HttpResponseFor<StreamResponse<ChatCompletionChunk>> raw = client.chat()
                .completions()
                .withRawResponse()
                .createStreaming(question().build());

        assertEquals("config.targets[1]", OpenAiClients.header(raw, "x-portkey-last-used-option-index"));
        assertEquals("openai", OpenAiClients.header(raw, "x-portkey-provider"));
        assertEquals(FakeOpenAi.ANSWER, OpenAiClients.text(raw));
        assertEquals("gpt-4o", fakeOpenAi.bodies().get(0).path("model").asText(), "override_params reached OpenAI");
        assertTrue(fakeOpenAi.bodies().get(0).path("stream").asBoolean());
        assertEquals(1, gemini.getRequestCount(), "Gemini was tried first");
    }

    @Test
    void aPerRequestConfigReplacesTheClientDefault() {
        // The client defaults to GPT-4o alone; one request asks for the Gemini-first fallback.
        OpenAIClient client = OpenAiClients.withHeaders(
                server,
                Portkey.createHeaders(HeaderOptions.builder()
                        .config(PortkeyConfig.builder()
                                .strategy(Strategy.single())
                                .addTarget(gpt4o())
                                .build())
                        .build()));
        ChatCompletionCreateParams.Builder perRequest = question();
        Portkey.createHeaders(
                        HeaderOptions.builder().config(fallback("gemini-key")).build())
                .forEach(perRequest::putAdditionalHeader);

        HttpResponseFor<ChatCompletion> viaDefault =
                client.chat().completions().withRawResponse().create(question().build());
        HttpResponseFor<ChatCompletion> viaOverride =
                client.chat().completions().withRawResponse().create(perRequest.build());

        assertEquals(
                FakeOpenAi.ANSWER,
                viaDefault.parse().choices().get(0).message().content().orElseThrow());
        assertEquals(
                FakeGemini.ANSWER,
                viaOverride.parse().choices().get(0).message().content().orElseThrow());
        assertEquals(
                "config.targets[0]",
                viaOverride.headers().values("x-portkey-last-used-option-index").get(0));
        assertEquals(
                "google", viaOverride.headers().values("x-portkey-provider").get(0));
        assertEquals(1, openai.getRequestCount(), "only the default call reached OpenAI: nothing was merged");
        assertEquals(1, fakeGemini.calls());
    }

    @Test
    void sdkRetriesDoNotRepeatRetriesTheConfigAlreadySpent() {
        fakeGemini.failWith(new MockResponse.Builder()
                .code(500)
                .body("{\"error\":{\"code\":500,\"message\":\"Internal error\",\"status\":\"INTERNAL\"}}")
                .build());
        Map<String, String> headers = Portkey.createHeaders(HeaderOptions.builder()
                .config(PortkeyConfig.builder()
                        .retry(Retry.attempts(2))
                        .provider("google")
                        .apiKey("gemini-key")
                        .customHost(gemini.url("").toString())
                        .build())
                .build());
        OpenAIClient client = OpenAIOkHttpClient.builder() // default maxRetries: 2
                .baseUrl(server.url() + "/v1")
                .apiKey("placeholder")
                .putAllHeaders(Portkey.asMultimap(headers)) // the documented alternative to forEach(putHeader)
                .build();

        InternalServerException e = assertThrows(
                InternalServerException.class,
                () -> client.chat().completions().create(question().build()));

        assertEquals(List.of("false"), e.headers().values("x-should-retry"));
        assertEquals(List.of("-1"), e.headers().values("x-portkey-retry-attempt-count"));
        assertEquals(3, fakeGemini.calls(), "the config's 1 + 2 tries, and no SDK retries on top");
    }

    @Test
    void nonAsciiMetadataIsEscapedAndStillRoutes() {
        PortkeyConfig conditional = PortkeyConfig.builder()
                .strategy(Strategy.conditional()
                        .withCondition(Map.of("metadata.tier", Map.of("$eq", "prémium")), "gemini")
                        .withDefault("openai"))
                .addTarget(google("gemini-key").newBuilder().name("gemini").build())
                .addTarget(gpt4o().newBuilder().name("openai").build())
                .build();
        Map<String, String> headers = Portkey.createHeaders(HeaderOptions.builder()
                .config(conditional)
                .metadata(Map.of("tier", "prémium"))
                .build());

        HttpResponseFor<ChatCompletion> raw = OpenAiClients.withHeaders(server, headers)
                .chat()
                .completions()
                .withRawResponse()
                .create(question().build());

        assertEquals("{\"tier\":\"pr\\u00E9mium\"}", headers.get("x-portkey-metadata"));
        assertEquals(
                "config.targets[0]",
                raw.headers().values("x-portkey-last-used-option-index").get(0));
    }
}
