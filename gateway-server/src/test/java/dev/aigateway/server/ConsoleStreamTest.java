package dev.aigateway.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aigateway.core.internal.Json;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /log/stream} over plain HTTP: one event per request with the access log's fields, bodies
 * only with {@code --log-bodies}, a gateway key marked admin opens it and another does not, and an
 * open stream does not hold a drain up.
 */
class ConsoleStreamTest {
    private static final String TOKEN = "console-admin-token-0123";
    private static final String ADMIN_KEY = "admin-key-0123456789abcdef";
    private static final String USER_KEY = "user-key-0123456789abcdef";

    private final MockWebServer upstream = new MockWebServer();
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        upstream.start();
    }

    @AfterEach
    void stop() throws Exception {
        upstream.close();
    }

    private String config() {
        return "{\"provider\":\"openai\",\"api_key\":\"sk-stream-test\",\"custom_host\":\"" + upstream.url("/v1")
                + "\"}";
    }

    /** Opens the stream and returns the first event's data, read on a thread of its own. */
    private CompletableFuture<String> firstEvent(ObservedServer server, String token) throws Exception {
        HttpResponse<InputStream> stream = http.send(
                HttpRequest.newBuilder(URI.create(server.url() + "/log/stream"))
                        .header("authorization", "Bearer " + token)
                        .build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, stream.statusCode());
        assertTrue(stream.headers().firstValue("content-type").orElse("").startsWith("text/event-stream"));
        return CompletableFuture.supplyAsync(() -> {
            try (BufferedReader lines =
                    new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    if (line.startsWith("data:")) {
                        return line.substring(5).strip();
                    }
                }
                return "";
            } catch (Exception e) {
                return "failed: " + e;
            }
        });
    }

    private static String body() {
        return "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"a secret prompt\"}]}";
    }

    @Test
    void eachRequestIsOneEventWithoutBodies() throws Exception {
        upstream.enqueue(ObservabilityServerTest.answer("gpt-4o-mini", 10, 5));
        try (ObservedServer server = new ObservedServer(Map.of(), "--admin-token", TOKEN)) {
            CompletableFuture<String> event = firstEvent(server, TOKEN);
            server.post("/v1/chat/completions", body(), "x-portkey-config", config());
            String data = event.get(10, TimeUnit.SECONDS);
            JsonNode call = Json.parse(data);
            assertEquals(200, call.path("status").asInt());
            assertEquals("gpt-4o-mini", call.path("model").asText());
            assertFalse(data.contains("a secret prompt"), "no bodies without --log-bodies");
            assertFalse(data.contains("sk-stream-test"));
        }
    }

    @Test
    void withLogBodiesTheEventsCarryThem() throws Exception {
        upstream.enqueue(ObservabilityServerTest.answer("gpt-4o-mini", 10, 5));
        try (ObservedServer server = new ObservedServer(Map.of(), "--admin-token", TOKEN, "--log-bodies")) {
            CompletableFuture<String> event = firstEvent(server, TOKEN);
            server.post("/v1/chat/completions", body(), "x-portkey-config", config());
            JsonNode call = Json.parse(event.get(10, TimeUnit.SECONDS));
            assertTrue(call.path("request_body").asText().contains("a secret prompt"));
            assertTrue(call.path("response_body").asText().contains("chat.completion"));
            assertFalse(server.lines().get(0).contains("a secret prompt"), "never in the access log");
        }
    }

    @Test
    void aKeyMarkedAdminOpensTheConsoleAndOthersDoNot(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("gateway.yaml");
        Files.writeString(
                file,
                "auth:\n  keys:\n"
                        + "    - name: ops\n      key: " + ADMIN_KEY + "\n      admin: true\n"
                        + "    - name: team-a\n      key: " + USER_KEY + "\n");
        upstream.enqueue(ObservabilityServerTest.answer("gpt-4o-mini", 10, 5));
        try (ObservedServer server = new ObservedServer(Map.of(), "--config", file.toString())) {
            assertEquals(
                    401,
                    server.get("/log/stream", "authorization", "Bearer " + USER_KEY)
                            .statusCode());
            assertEquals(
                    401,
                    server.get("/public/", "authorization", "Bearer " + USER_KEY)
                            .statusCode());
            assertEquals(
                    200,
                    server.get("/public/", "authorization", "Bearer " + ADMIN_KEY)
                            .statusCode());
            CompletableFuture<String> event = firstEvent(server, ADMIN_KEY);
            server.post(
                    "/v1/chat/completions",
                    body(),
                    "x-portkey-config",
                    config(),
                    "authorization",
                    "Bearer " + USER_KEY);
            String data = event.get(10, TimeUnit.SECONDS);
            assertEquals("team-a", Json.parse(data).path("key").asText(), "the key's name, never the key");
            assertFalse(data.contains(USER_KEY));
            assertTrue(server.metrics().contains("gateway_key=\"team-a\""));
        }
    }

    @Test
    void anOpenConsoleStreamDoesNotHoldADrainUp() throws Exception {
        try (ObservedServer server = new ObservedServer(Map.of(), "--admin-token", TOKEN)) {
            firstEvent(server, TOKEN);
            long start = System.nanoTime();
            server.server().drain(Duration.ofSeconds(20));
            assertTrue(System.nanoTime() - start < Duration.ofSeconds(10).toNanos(), "the drain did not wait for it");
        }
    }
}
