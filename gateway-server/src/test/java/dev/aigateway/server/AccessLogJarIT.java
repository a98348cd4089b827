package dev.aigateway.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aigateway.core.internal.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shaded jar's SLF4J backend: the access log is one bare JSON line per request on standard
 * output (no logger prefix, no "no SLF4J provider" warning), and {@code --quiet} leaves it out.
 */
class AccessLogJarIT {
    private static final String PROVIDER_KEY = "sk-jar-log-secret-0123";

    @Test
    void eachRequestIsOneJsonLineOnStandardOutput(@TempDir Path dir) throws Exception {
        GatewayProcess.jar();
        try (MockWebServer upstream = new MockWebServer()) {
            upstream.start();
            upstream.enqueue(ObservabilityServerTest.answer("gpt-4o-mini", 1000, 500));
            upstream.enqueue(ObservabilityServerTest.answer("gpt-4o-mini", 1, 1));
            String config = "{\"provider\":\"openai\",\"api_key\":\"" + PROVIDER_KEY + "\",\"custom_host\":\""
                    + upstream.url("/v1") + "\"}";
            try (GatewayProcess gateway = GatewayProcess.start(dir.resolve("loud.log"), Map.of(), "--port", "0")
                            .awaitListening();
                    GatewayProcess quiet = GatewayProcess.start(
                                    dir.resolve("quiet.log"), Map.of(), "--port", "0", "--quiet")
                            .awaitListening()) {
                post(gateway.url(), config);
                post(quiet.url(), config);
                assertTrue(gateway.awaitOutput("\"route\":\"/v1/chat/completions\"", 10), gateway.output());
                String line = gateway.output()
                        .lines()
                        .filter(l -> l.startsWith("{"))
                        .findFirst()
                        .orElseThrow();
                JsonNode json = Json.parse(line);
                assertEquals(200, json.path("status").asInt());
                assertEquals(0.00045, json.path("cost_usd").asDouble(), 1e-12);
                assertFalse(gateway.output().contains("SLF4J"), gateway.output());
                assertFalse(gateway.output().contains(PROVIDER_KEY));
                quiet.terminate(); // an exit flushes what the log holds
                assertFalse(quiet.output().contains("\"route\""), quiet.output());
            }
        }
    }

    private static void post(String url, String config) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(url + "/v1/chat/completions"))
                                .header("content-type", "application/json")
                                .header("x-portkey-config", config)
                                .POST(
                                        HttpRequest.BodyPublishers.ofString(
                                                "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
    }
}
