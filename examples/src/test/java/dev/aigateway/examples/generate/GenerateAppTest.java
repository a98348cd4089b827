package dev.aigateway.examples.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aigateway.core.Gateway;
import dev.aigateway.core.internal.Json;
import dev.aigateway.examples.DemoStack;
import dev.aigateway.examples.fakes.FakeProviders;
import dev.aigateway.server.GatewayServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The walkthrough's web app against the fakes through an in-process gateway, configured the way a
 * user does it: with environment variables.
 */
class GenerateAppTest {
    private static DemoStack stack;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void startStack() {
        stack = DemoStack.start(Gateway.create());
    }

    @AfterAll
    static void stopStack() {
        stack.close();
    }

    /** The environment of the offline walkthrough: both keys, each provider at its fake. */
    private static Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put("PORT", "0");
        env.put("GATEWAY_URL", stack.gatewayUrl());
        env.put("GEMINI_API_KEY", FakeProviders.GEMINI_KEY);
        env.put("GEMINI_BASE_URL", stack.fakes().gemini().url());
        env.put("OPENAI_API_KEY", FakeProviders.OPENAI_KEY);
        env.put("OPENAI_BASE_URL", stack.fakes().openAi().url());
        return env;
    }

    private static GenerateApp start(Map<String, String> env) {
        return GenerateApp.start(GenerateSettings.fromEnvironment(env));
    }

    private HttpResponse<String> generate(GenerateApp app, String body) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(app.url() + "/generate"))
                        .header("content-type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static void assertJsonError(HttpResponse<String> response, int status, String message) throws Exception {
        assertEquals(status, response.statusCode(), response.body());
        assertEquals(
                "application/json",
                response.headers().firstValue("content-type").orElse(""));
        JsonNode json = Json.parse(response.body());
        assertEquals(1, json.size(), response.body());
        assertTrue(json.path("error").asText().contains(message), response.body());
    }

    @Test
    void getRootSaysHello() throws Exception {
        try (GenerateApp app = start(env())) {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create(app.url() + "/")).build(), HttpResponse.BodyHandlers.ofString());

            assertEquals(200, response.statusCode());
            assertTrue(response.body().startsWith("Hello from the generate app!"), response.body());
        }
    }

    @Test
    void geminiAnswersAPromptWhenItsKeyIsGood() throws Exception {
        try (GenerateApp app = start(env())) {
            HttpResponse<String> response = generate(app, "{\"prompt\": \"Write a haiku about fallbacks\"}");

            assertEquals(200, response.statusCode(), response.body());
            assertEquals(
                    Json.parse("{\"response\": \"Gemini (offline fake) received: Write a haiku about fallbacks\"}"),
                    Json.parse(response.body()));
            assertEquals(
                    "google",
                    response.headers().firstValue("x-portkey-provider").orElse(""));
            assertEquals(
                    "config.targets[0]",
                    response.headers()
                            .firstValue("x-portkey-last-used-option-index")
                            .orElse(""));
        }
    }

    @Test
    void gpt4oAnswersWhenTheGeminiKeyIsRemoved() throws Exception {
        Map<String, String> env = env();
        env.remove("GEMINI_API_KEY");
        try (GenerateApp app = start(env)) {
            HttpResponse<String> response = generate(app, "{\"prompt\": \"Are you an OpenAI model?\"}");

            assertEquals(200, response.statusCode(), response.body());
            assertEquals(
                    "Yes, I am an OpenAI model: GPT-4o, trained by OpenAI.",
                    Json.parse(response.body()).path("response").asText());
            assertEquals(
                    "openai",
                    response.headers().firstValue("x-portkey-provider").orElse(""));
            assertEquals(
                    "config.targets[1]",
                    response.headers()
                            .firstValue("x-portkey-last-used-option-index")
                            .orElse(""));
            assertEquals("403 PERMISSION_DENIED", stack.fakes().gemini().lastOutcome());
        }
    }

    @Test
    void aWrongGeminiKeyFallsBackToo() throws Exception {
        Map<String, String> env = env();
        env.put("GEMINI_API_KEY", "wrong");
        try (GenerateApp app = start(env)) {
            HttpResponse<String> response = generate(app, "{\"prompt\": \"Are you an OpenAI model?\"}");

            assertEquals(200, response.statusCode(), response.body());
            assertEquals(
                    "openai",
                    response.headers().firstValue("x-portkey-provider").orElse(""));
            assertEquals("400 INVALID_ARGUMENT", stack.fakes().gemini().lastOutcome());
        }
    }

    @Test
    void badInputGets400() throws Exception {
        try (GenerateApp app = start(env())) {
            int geminiCalls = stack.fakes().gemini().requestCount();

            assertJsonError(generate(app, "not json"), 400, "The body must be JSON");
            assertJsonError(generate(app, "{\"prompt\": \"a\"} trailing"), 400, "The body must be JSON");
            assertJsonError(generate(app, "{}"), 400, "\"prompt\" is required");
            assertJsonError(generate(app, "{\"prompt\": 42}"), 400, "\"prompt\" is required");
            assertJsonError(generate(app, "{\"prompt\": \"  \"}"), 400, "\"prompt\" is required");
            assertJsonError(generate(app, "[\"prompt\"]"), 400, "\"prompt\" is required");
            assertJsonError(generate(app, ""), 400, "\"prompt\" is required");
            assertEquals(geminiCalls, stack.fakes().gemini().requestCount(), "bad input reaches no provider");
        }
    }

    @Test
    void otherRoutesGetJsonErrors() throws Exception {
        try (GenerateApp app = start(env())) {
            HttpResponse<String> get = http.send(
                    HttpRequest.newBuilder(URI.create(app.url() + "/generate")).build(),
                    HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> unknown = http.send(
                    HttpRequest.newBuilder(URI.create(app.url() + "/nope")).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertJsonError(get, 405, "Use POST /generate");
            assertEquals("POST", get.headers().firstValue("allow").orElse(""));
            assertJsonError(unknown, 404, "Not found");
        }
    }

    @Test
    void anUnreachableGatewayGets502() throws Exception {
        Map<String, String> env = env();
        try (GatewayServer gone = GatewayServer.builder().port(0).build().start()) {
            env.put("GATEWAY_URL", gone.url() + "/v1");
        }
        try (GenerateApp app = start(env)) {
            HttpResponse<String> response = generate(app, "{\"prompt\": \"Hi\"}");

            assertJsonError(
                    response,
                    502,
                    "Could not reach the gateway at " + env.get("GATEWAY_URL") + " (connection refused)");
            assertFalse(response.body().contains("Exception"), response.body());
        }
    }

    @Test
    void aGatewayThatGoesAwayGets502() throws Exception {
        Map<String, String> env = env();
        GatewayServer gateway = GatewayServer.builder().port(0).build().start();
        env.put("GATEWAY_URL", gateway.url() + "/v1");
        try (GenerateApp app = start(env)) {
            assertEquals(200, generate(app, "{\"prompt\": \"Hi\"}").statusCode());
            gateway.close();

            // The app's pooled connection to the gateway is now dead.
            HttpResponse<String> response = generate(app, "{\"prompt\": \"Hi\"}");

            assertJsonError(response, 502, "Could not reach the gateway at " + env.get("GATEWAY_URL"));
        } finally {
            gateway.close();
        }
    }

    @Test
    void aGatewayErrorAnswerGets502WithItsMessage() throws Exception {
        Map<String, String> env = env();
        env.remove("GEMINI_API_KEY");
        env.remove("OPENAI_API_KEY");
        try (GenerateApp app = start(env)) {
            HttpResponse<String> response = generate(app, "{\"prompt\": \"Hi\"}");

            assertEquals(502, response.statusCode(), response.body());
            JsonNode json = Json.parse(response.body());
            assertEquals(401, json.path("gateway_status").asInt());
            assertTrue(
                    json.path("error")
                            .asText()
                            .startsWith("The gateway answered 401: openai error: You didn't provide an API key."),
                    response.body());
        }
    }

    @Test
    void settingsComeFromTheEnvironment() {
        GenerateSettings defaults = GenerateSettings.fromEnvironment(Map.of("GEMINI_API_KEY", " "));
        GenerateSettings set = GenerateSettings.fromEnvironment(env());

        assertEquals(3000, defaults.port());
        assertEquals("127.0.0.1", defaults.host());
        assertEquals("http://localhost:8787/v1", defaults.gatewayUrl());
        assertEquals("gemini-2.5-flash", defaults.model());
        assertTrue(defaults.gemini().apiKey().isEmpty(), "a blank key counts as missing");
        assertTrue(defaults.gemini().customHost().isEmpty(), "no custom host unless asked for");
        assertTrue(set.gemini().apiKey().isPresent());
        assertEquals(stack.fakes().openAi().url(), set.openAi().customHost().orElseThrow());
        assertFalse(set.toString().contains(FakeProviders.GEMINI_KEY), "keys are masked");
    }

    @Test
    void badSettingsAreRefusedByName() {
        IllegalArgumentException noScheme = assertThrows(
                IllegalArgumentException.class,
                () -> GenerateSettings.fromEnvironment(Map.of("GATEWAY_URL", "localhost:8787/v1")));
        IllegalArgumentException badPort = assertThrows(
                IllegalArgumentException.class, () -> GenerateSettings.fromEnvironment(Map.of("PORT", "eighty")));

        assertEquals(
                "GATEWAY_URL must be an http(s) URL like http://localhost:8787/v1, got: localhost:8787/v1",
                noScheme.getMessage());
        assertTrue(badPort.getMessage().startsWith("PORT must be a number"), badPort.getMessage());
    }

    @Test
    void theStartupBannerShowsWhichKeysAreSetButNeverTheKeys() {
        Map<String, String> env = env();
        env.remove("GEMINI_API_KEY");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GenerateApp app =
                new GenerateAppExample(env).start(new PrintStream(bytes, true, StandardCharsets.UTF_8))) {
            String banner = bytes.toString(StandardCharsets.UTF_8);

            assertTrue(banner.startsWith("generate-app listening on " + app.url()), banner);
            assertTrue(banner.contains("GEMINI_API_KEY: missing"), banner);
            assertTrue(banner.contains("OPENAI_API_KEY: set"), banner);
            assertFalse(banner.contains(FakeProviders.OPENAI_KEY), banner);
        }
    }
}
