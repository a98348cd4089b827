package dev.aigateway.server;

import static dev.aigateway.server.ConfigFileFixture.OPENAI_KEY;
import static dev.aigateway.server.ConfigFileFixture.TEAM_A_KEY;
import static dev.aigateway.server.ConfigFileFixture.TEAM_B_KEY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.HttpResponseFor;
import com.openai.errors.UnauthorizedException;
import com.openai.models.chat.completions.ChatCompletion;
import dev.aigateway.core.internal.Json;
import dev.aigateway.server.fakes.FakeGemini;
import dev.aigateway.server.fakes.FakeOpenAi;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server started as {@code java -jar gateway-server.jar --config gateway.yaml} is (through
 * {@link Main#serve}): gateway keys, named configs, model aliases and {@code GET /v1/models}.
 */
class ConfigFileEndToEndTest {
    private static final String CHAT =
            "{\"model\":\"gemini-2.0-flash\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";

    @TempDir
    Path directory;

    private ConfigFileFixture fixture;
    private GatewayServer server;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() {
        fixture = ConfigFileFixture.start(directory);
        server = Main.serve(fixture.options(), new PrintStream(OutputStream.nullOutputStream()));
    }

    @AfterEach
    void stop() {
        server.close();
        fixture.close();
    }

    private OpenAIClient plainClient(String apiKey) {
        return OpenAIOkHttpClient.builder()
                .baseUrl(server.url() + "/v1")
                .apiKey(apiKey)
                .maxRetries(0)
                .build();
    }

    @Test
    void aPlainOpenAiClientWithAGatewayKeyGetsTheDefaultFallbackConfig() throws Exception {
        OpenAIClient client = plainClient(TEAM_A_KEY);

        HttpResponseFor<ChatCompletion> gemini =
                client.chat().completions().withRawResponse().create(OpenAiClients.sayHello("gemini-2.0-flash"));
        fixture.fakeGemini.failWith(new MockResponse.Builder().code(500).build());
        HttpResponseFor<ChatCompletion> fallback =
                client.chat().completions().withRawResponse().create(OpenAiClients.sayHello("gemini-2.0-flash"));

        assertEquals(
                FakeGemini.ANSWER,
                gemini.parse().choices().get(0).message().content().orElseThrow());
        assertEquals(List.of("config.targets[0]"), gemini.headers().values("x-portkey-last-used-option-index"));
        assertEquals(
                FakeOpenAi.ANSWER,
                fallback.parse().choices().get(0).message().content().orElseThrow());
        assertEquals(List.of("config.targets[1]"), fallback.headers().values("x-portkey-last-used-option-index"));
        RecordedRequest atGemini = fixture.gemini.takeRequest(5, TimeUnit.SECONDS);
        assertEquals(ConfigFileFixture.GEMINI_KEY, atGemini.getHeaders().get("x-goog-api-key"));
        assertNull(atGemini.getHeaders().get("authorization"), "the gateway key never goes upstream");
        RecordedRequest atOpenAi = fixture.openai.takeRequest(5, TimeUnit.SECONDS);
        assertEquals("Bearer " + OPENAI_KEY, atOpenAi.getHeaders().get("authorization"));
        assertEquals("gpt-4o", fixture.fakeOpenAi.bodies().get(0).path("model").asText());
    }

    @Test
    void aNamedConfigIsChosenByHeaderOrAsAModelAlias() throws Exception {
        HttpResponse<String> byHeader =
                post(Map.of("authorization", "Bearer " + TEAM_A_KEY, "x-portkey-config", "cheap"));
        ChatCompletion byAlias = plainClient(TEAM_A_KEY).chat().completions().create(OpenAiClients.sayHello("cheap"));

        assertEquals(200, byHeader.statusCode(), byHeader.body());
        assertEquals(
                "config",
                byHeader.headers()
                        .firstValue("x-portkey-last-used-option-index")
                        .orElseThrow());
        assertEquals("gpt-4o-mini", Json.parse(byHeader.body()).path("model").asText());
        assertEquals("gpt-4o-mini", byAlias.model());
        assertEquals(0, fixture.fakeGemini.calls(), "neither went to the default config");
    }

    @Test
    void withoutAValidKeyEveryV1RequestIs401InOpenAisEnvelope() throws Exception {
        HttpResponse<String> none = post(Map.of());
        HttpResponse<String> wrong = post(Map.of("x-portkey-api-key", "not-a-key-of-this-gateway"));

        for (HttpResponse<String> response : List.of(none, wrong)) {
            assertEquals(401, response.statusCode());
            assertEquals(
                    "Bearer", response.headers().firstValue("www-authenticate").orElseThrow());
            JsonNode error = Json.parse(response.body()).path("error");
            assertEquals("invalid_api_key", error.path("code").asText());
            assertEquals("invalid_request_error", error.path("type").asText());
        }
        assertTrue(Json.parse(none.body()).at("/error/message").asText().startsWith("Missing gateway API key"));
        assertEquals(
                "Invalid gateway API key",
                Json.parse(wrong.body()).at("/error/message").asText());
        assertThrows(
                UnauthorizedException.class,
                () -> plainClient("sk-wrong-key-000000").chat().completions().create(OpenAiClients.sayHello("m")));
        assertEquals(0, fixture.gemini.getRequestCount() + fixture.openai.getRequestCount());
    }

    @Test
    void aKeyLimitedToSomeConfigsGets403ForTheOthersAndForItsOwn() throws Exception {
        String bearer = "Bearer " + TEAM_B_KEY;
        List<HttpResponse<String>> refused = List.of(
                post(Map.of("authorization", bearer)),
                post(Map.of("authorization", bearer, "x-portkey-config", "default")),
                post(Map.of(
                        "authorization", bearer, "x-portkey-config", "{\"provider\":\"openai\",\"api_key\":\"k\"}")),
                post(Map.of("authorization", bearer, "x-portkey-provider", "openai")));

        for (HttpResponse<String> response : refused) {
            assertEquals(403, response.statusCode(), response.body());
            JsonNode error = Json.parse(response.body()).path("error");
            assertEquals("config_not_allowed", error.path("code").asText());
            assertTrue(error.path("message").asText().startsWith("The gateway key 'team-b' may not "), response.body());
            assertTrue(error.path("message").asText().endsWith("; it may use the configs cheap"), response.body());
        }
        assertEquals(
                200,
                post(Map.of("authorization", bearer, "x-portkey-config", "cheap"))
                        .statusCode());
        assertEquals(
                "gpt-4o-mini",
                plainClient(TEAM_B_KEY)
                        .chat()
                        .completions()
                        .create(OpenAiClients.sayHello("cheap"))
                        .model());
        assertEquals(0, fixture.gemini.getRequestCount());
    }

    @Test
    void anUnrestrictedKeyMaySendItsOwnConfigAndItsKeyStillStaysHere() throws Exception {
        String inline = "{\"provider\":\"openai\",\"api_key\":\"" + OPENAI_KEY + "\",\"custom_host\":\""
                + fixture.openai.url("/v1") + "\"}";
        HttpResponse<String> ownConfig = post(Map.of(
                "authorization",
                "Bearer " + TEAM_A_KEY,
                "x-portkey-config",
                inline,
                "x-portkey-forward-headers",
                "authorization"));
        HttpResponse<String> headerMode = post(Map.of(
                "x-portkey-api-key",
                TEAM_A_KEY,
                "authorization",
                "Bearer " + OPENAI_KEY,
                "x-portkey-provider",
                "openai",
                "x-portkey-custom-host",
                fixture.openai.url("/v1").toString()));

        assertEquals(200, ownConfig.statusCode(), ownConfig.body());
        assertEquals(200, headerMode.statusCode(), headerMode.body());
        for (int i = 0; i < 2; i++) {
            RecordedRequest upstream = fixture.openai.takeRequest(5, TimeUnit.SECONDS);
            assertEquals("Bearer " + OPENAI_KEY, upstream.getHeaders().get("authorization"));
            assertNull(upstream.getHeaders().get("x-portkey-api-key"));
        }
    }

    @Test
    void anUnknownConfigNameIs400NamingTheKeysConfigs() throws Exception {
        HttpResponse<String> response =
                post(Map.of("authorization", "Bearer " + TEAM_B_KEY, "x-portkey-config", "pc-abc"));

        assertEquals(400, response.statusCode());
        assertEquals(
                "x-portkey-config names no config of this gateway: 'pc-abc'; named configs: cheap",
                Json.parse(response.body()).at("/error/message").asText());
    }

    @Test
    void aNamedConfigsKeysNeverGoToAHostTheCallerChooses() throws Exception {
        HttpResponse<String> response = post(Map.of(
                "authorization", "Bearer " + TEAM_A_KEY,
                "x-portkey-config", "cheap",
                "x-portkey-custom-host", "http://127.0.0.1:9/v1"));

        assertEquals(400, response.statusCode());
        assertEquals(
                "custom_host_not_allowed",
                Json.parse(response.body()).at("/error/code").asText());
        assertEquals(0, fixture.openai.getRequestCount() + fixture.gemini.getRequestCount());
    }

    @Test
    void v1ModelsListsTheAliasesAKeyMayUse() throws Exception {
        assertEquals(List.of("default", "cheap"), models(TEAM_A_KEY));
        assertEquals(List.of("cheap"), models(TEAM_B_KEY));
        assertEquals(
                401,
                http.send(
                                HttpRequest.newBuilder(URI.create(server.url() + "/v1/models"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .statusCode());
        assertEquals(
                List.of("default", "cheap"),
                plainClient(TEAM_A_KEY).models().list().items().stream()
                        .map(m -> m.id())
                        .toList());
    }

    @Test
    void healthAndReadyAnswerJsonWithoutAKey() throws Exception {
        HttpResponse<String> health = get("/health");
        HttpResponse<String> ready = get("/ready");

        assertEquals(200, health.statusCode());
        assertEquals("{\"status\":\"ok\"}", health.body());
        assertEquals(
                "application/json", health.headers().firstValue("content-type").orElseThrow());
        assertEquals(200, ready.statusCode());
        assertEquals("{\"status\":\"ready\"}", ready.body());
    }

    private List<String> models(String key) throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(server.url() + "/v1/models"))
                        .header("authorization", "Bearer " + key)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        JsonNode body = Json.parse(response.body());
        assertEquals("list", body.path("object").asText());
        return java.util.stream.StreamSupport.stream(body.path("data").spliterator(), false)
                .map(model -> model.path("id").asText())
                .toList();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(server.url() + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.url() + "/v1/chat/completions"))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(CHAT));
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
