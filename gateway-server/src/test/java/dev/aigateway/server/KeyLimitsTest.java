package dev.aigateway.server;

import static dev.aigateway.server.ConfigFileFixture.METERED_KEY;
import static dev.aigateway.server.ConfigFileFixture.TOKENS_KEY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.errors.RateLimitException;
import dev.aigateway.core.internal.Json;
import dev.aigateway.redis.testing.RedisServer;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Per-key limits: requests and tokens a minute, 429 with {@code retry-after}, counted in memory or
 * in a real Redis that two gateways share, and served anyway when Redis is down.
 */
class KeyLimitsTest {
    private static final String CHAT =
            "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";

    @TempDir
    Path directory;

    private ConfigFileFixture fixture;
    private final List<GatewayServer> servers = new ArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() {
        fixture = ConfigFileFixture.start(directory);
    }

    @AfterEach
    void stop() {
        servers.forEach(GatewayServer::close);
        fixture.close();
    }

    private GatewayServer serve(String... args) {
        GatewayServer server = Main.serve(fixture.options(args), new PrintStream(OutputStream.nullOutputStream()));
        servers.add(server);
        return server;
    }

    @Test
    void aKeyOverItsRequestsPerMinuteGets429WithRetryAfter() throws Exception {
        GatewayServer server = serve();

        assertEquals(200, post(server, METERED_KEY).statusCode());
        assertEquals(200, post(server, METERED_KEY).statusCode());
        HttpResponse<String> limited = post(server, METERED_KEY);

        assertEquals(429, limited.statusCode());
        long retryAfter =
                Long.parseLong(limited.headers().firstValue("retry-after").orElseThrow());
        assertTrue(retryAfter >= 1 && retryAfter <= 60, "the rest of the minute: " + retryAfter);
        long retryAfterMs =
                Long.parseLong(limited.headers().firstValue("retry-after-ms").orElseThrow());
        assertTrue(retryAfterMs > 0 && retryAfterMs <= 60_000, "in milliseconds: " + retryAfterMs);
        JsonNode error = Json.parse(limited.body()).path("error");
        assertEquals("rate_limit_exceeded", error.path("code").asText());
        assertEquals("requests", error.path("type").asText());
        assertTrue(
                error.path("message")
                        .asText()
                        .startsWith("Rate limit reached for the gateway key 'metered': 2 requests per minute."),
                limited.body());
        assertEquals(2, fixture.openai.getRequestCount(), "the refused request went nowhere");
        assertEquals(200, post(server, ConfigFileFixture.TEAM_A_KEY).statusCode(), "other keys are not limited");
        assertThrows(RateLimitException.class, () -> OpenAIOkHttpClient.builder()
                .baseUrl(server.url() + "/v1")
                .apiKey(METERED_KEY)
                .maxRetries(0)
                .build()
                .chat()
                .completions()
                .create(OpenAiClients.sayHello("cheap")));
    }

    @Test
    void aKeyOverItsTokensPerMinuteGets429ForItsNextRequest() throws Exception {
        GatewayServer server = serve();

        // Each answer of the fake reports 22 tokens; the limit is 30.
        assertEquals(200, post(server, TOKENS_KEY).statusCode());
        assertEquals(200, post(server, TOKENS_KEY).statusCode());
        HttpResponse<String> limited = post(server, TOKENS_KEY);

        assertEquals(429, limited.statusCode(), limited.body());
        assertEquals("tokens", Json.parse(limited.body()).at("/error/type").asText());
        assertTrue(limited.headers().firstValue("retry-after").isPresent());
        assertEquals(2, fixture.openai.getRequestCount());
    }

    @Test
    void twoGatewaysSharingRedisShareTheLimit() throws Exception {
        try (RedisServer redis = RedisServer.start()) {
            GatewayServer first = serve("--redis", redis.url());
            GatewayServer second = serve("--redis", redis.url());

            assertEquals(200, post(first, METERED_KEY).statusCode());
            assertEquals(200, post(second, METERED_KEY).statusCode());
            assertEquals(429, post(first, METERED_KEY).statusCode());
            assertEquals(429, post(second, METERED_KEY).statusCode());
        }
    }

    @Test
    void withRedisDownTheLimitFailsOpenWithAWarning() throws Exception {
        int closedPort;
        try (ServerSocket free = new ServerSocket(0)) {
            closedPort = free.getLocalPort();
        }
        try (CapturedErrors errors = new CapturedErrors()) {
            GatewayServer server = serve("--redis", "redis://127.0.0.1:" + closedPort);

            for (int i = 0; i < 4; i++) {
                assertEquals(200, post(server, METERED_KEY).statusCode(), "served although over the limit");
            }

            assertTrue(
                    errors.text().contains("gateway key limits are not enforced while the shared state is unavailable"),
                    errors.text());
        }
    }

    private HttpResponse<String> post(GatewayServer server, String key) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(server.url() + "/v1/chat/completions"))
                        .header("content-type", "application/json")
                        .header("authorization", "Bearer " + key)
                        .header("x-portkey-config", "cheap")
                        .POST(HttpRequest.BodyPublishers.ofString(CHAT))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
