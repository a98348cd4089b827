package dev.aigateway.server;

import static dev.aigateway.server.ConfigFileFixture.TEAM_A_KEY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aigateway.core.internal.Json;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reloads: a good new file takes effect for new requests, a bad one is refused with an error line
 * and the old one stays, a change is noticed without a signal, and a request in flight finishes
 * with the config it started with.
 */
class ConfigFileReloadTest {
    private static final String CHAT = "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";

    @TempDir
    Path directory;

    private ConfigFileFixture fixture;
    private ServerOptions options;
    private GatewayServer server;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() {
        fixture = ConfigFileFixture.start(directory);
        options = fixture.options();
        server = Main.serve(options, new PrintStream(OutputStream.nullOutputStream()));
    }

    @AfterEach
    void stop() {
        server.close();
        fixture.close();
    }

    private ConfigFile file() {
        return options.configFile().orElseThrow();
    }

    @Test
    void aGoodFileTakesEffectAndABadOneIsRefusedWithAnErrorLine() throws Exception {
        assertEquals("gpt-4o-mini", modelAnsweringCheap());

        fixture.write("gpt-4.1-mini", "");
        assertTrue(file().reload());
        assertEquals("gpt-4.1-mini", modelAnsweringCheap());

        fixture.write("gpt-4.1-nano", "  cheap2: {provider: openai, api_key: \"${NOT_SET}\"}\n");
        try (CapturedErrors errors = new CapturedErrors()) {
            assertFalse(file().reload());

            assertTrue(
                    errors.text()
                            .contains("error: gateway.yaml:30: configs.cheap2.api_key: the environment variable NOT_SET"
                                    + " is not set"),
                    errors.text());
            assertTrue(errors.text().contains("the configuration read before stays in force"), errors.text());
        }
        assertEquals("gpt-4.1-mini", modelAnsweringCheap(), "the last good file is in force");
    }

    @Test
    void aChangedFileIsNoticedWithoutASignal() throws Exception {
        assertFalse(file().reloadIfChanged(), "nothing changed");

        fixture.write("gpt-4.1-mini", "");

        assertTrue(file().reloadIfChanged());
        assertEquals("gpt-4.1-mini", modelAnsweringCheap());
        fixture.write("gpt-4.1", "");
        AutoCloseable watch = file().watch(Duration.ofMillis(20));
        try {
            for (int i = 0; i < 500 && !"gpt-4.1".equals(cheapModelInForce()); i++) {
                Thread.sleep(10);
            }
        } finally {
            watch.close();
        }
        assertEquals("gpt-4.1", cheapModelInForce(), "the watch reloaded the file");
    }

    @Test
    void aRequestInFlightFinishesWithTheConfigItStartedWith() throws Exception {
        CountDownLatch firstTargetCalled = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (MockWebServer slow = new MockWebServer()) {
            slow.setDispatcher(new Dispatcher() {
                @Override
                public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
                    firstTargetCalled.countDown();
                    release.await(10, TimeUnit.SECONDS);
                    return new MockResponse.Builder().code(503).build();
                }
            });
            slow.start();
            fixture.write("gpt-4o-mini", fallback(slow, "model-before-reload"));
            assertTrue(file().reload());

            CompletableFuture<HttpResponse<String>> inFlight =
                    http.sendAsync(request("fallback-pair"), HttpResponse.BodyHandlers.ofString());
            assertTrue(firstTargetCalled.await(10, TimeUnit.SECONDS));
            fixture.write("gpt-4o-mini", fallback(slow, "model-after-reload"));
            assertTrue(file().reload());
            release.countDown();
            HttpResponse<String> answered = inFlight.get(10, TimeUnit.SECONDS);

            assertEquals(200, answered.statusCode(), answered.body());
            assertEquals(
                    "config.targets[1]",
                    answered.headers()
                            .firstValue("x-portkey-last-used-option-index")
                            .orElseThrow());
            assertEquals(
                    "model-before-reload",
                    Json.parse(answered.body()).path("model").asText());
            HttpResponse<String> next = http.send(request("fallback-pair"), HttpResponse.BodyHandlers.ofString());
            assertEquals(
                    "model-after-reload", Json.parse(next.body()).path("model").asText());
        }
    }

    /** A config that tries {@code slow} first, then the fake OpenAI with {@code model}. */
    private String fallback(MockWebServer slow, String model) {
        return "  fallback-pair:\n"
                + "    strategy: {mode: fallback}\n"
                + "    targets:\n"
                + "      - {provider: openai, api_key: k, custom_host: \"" + slow.url("/v1") + "\"}\n"
                + "      - {provider: openai, api_key: \"${OPENAI_API_KEY}\", custom_host: \""
                + fixture.openai.url("/v1") + "\", override_params: {model: " + model + "}}\n";
    }

    private String modelAnsweringCheap() throws Exception {
        HttpResponse<String> response = http.send(request("cheap"), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return Json.parse(response.body()).path("model").asText();
    }

    private String cheapModelInForce() throws Exception {
        return Json.parse(file().current().configs().get("cheap"))
                .at("/override_params/model")
                .asText();
    }

    private HttpRequest request(String config) {
        return HttpRequest.newBuilder(URI.create(server.url() + "/v1/chat/completions"))
                .header("content-type", "application/json")
                .header("authorization", "Bearer " + TEAM_A_KEY)
                .header("x-portkey-config", config)
                .POST(HttpRequest.BodyPublishers.ofString(CHAT))
                .build();
    }
}
