package dev.aigateway.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ServerBasicsTest {
    private final HttpClient http = HttpClient.newHttpClient();
    private final MockWebServer upstream = new MockWebServer();
    private GatewayServer server;

    @BeforeEach
    void start() throws Exception {
        upstream.start();
        server = GatewayServer.builder().port(0).maxBodyBytes(1024).build().start();
    }

    @AfterEach
    void stop() {
        server.close();
        upstream.close();
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder chat(String body) {
        return HttpRequest.newBuilder(URI.create(server.url() + "/v1/chat/completions"))
                .header("content-type", "application/json")
                .header(
                        "x-portkey-config",
                        "{\"provider\":\"openai\",\"api_key\":\"k\",\"custom_host\":\"" + upstream.url("/v1") + "\"}")
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    @Test
    void rootAnswersAHealthText() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(server.url() + "/")));

        assertEquals(200, response.statusCode());
        assertEquals("AI Gateway says hey!", response.body());
    }

    @Test
    void unknownRoutesGetA404JsonError() throws Exception {
        HttpResponse<String> get = send(HttpRequest.newBuilder(URI.create(server.url() + "/v2/models")));
        HttpResponse<String> put = send(HttpRequest.newBuilder(URI.create(server.url() + "/v1/chat/completions"))
                .PUT(HttpRequest.BodyPublishers.ofString("{}")));

        assertEquals(404, get.statusCode());
        assertEquals(
                "{\"error\":{\"message\":\"The gateway does not serve GET /v2/models\",\"type\":\"invalid_request_error\","
                        + "\"param\":null,\"code\":\"unknown_route\"}}",
                get.body());
        assertEquals(
                "application/json", get.headers().firstValue("content-type").orElse(""));
        assertEquals(404, put.statusCode());
    }

    @Test
    void aBodyOverTheLimitGets413AndReachesNoUpstream() throws Exception {
        String big = "{\"model\":\"gpt-4o\",\"pad\":\"" + "x".repeat(2000) + "\"}";

        HttpResponse<String> response = send(chat(big));

        assertEquals(413, response.statusCode());
        assertEquals(
                "{\"error\":{\"message\":\"The request body is larger than the gateway's limit of 1024 bytes\","
                        + "\"type\":\"invalid_request_error\",\"param\":null,\"code\":\"request_too_large\"}}",
                response.body());
        assertEquals(0, upstream.getRequestCount());
    }

    @Test
    void aChunkedBodyOverTheLimitGets413() throws Exception {
        byte[] big = ("{\"pad\":\"" + "x".repeat(5000) + "\"}").getBytes();
        HttpRequest.Builder request =
                chat("").POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(big)));

        HttpResponse<String> response = send(request);

        assertEquals(413, response.statusCode());
        assertEquals(0, upstream.getRequestCount());
    }

    @Test
    void nonJsonContentTypeGets400() throws Exception {
        HttpResponse<String> response = send(chat("{}").setHeader("content-type", "text/plain"));

        assertEquals(400, response.statusCode());
        assertEquals("{\"status\":\"failure\",\"message\":\"Invalid content type passed\"}", response.body());
        assertEquals(0, upstream.getRequestCount());
    }

    @Test
    void invalidJsonGets400AndReachesNoUpstream() throws Exception {
        HttpResponse<String> response = send(chat("{\"model\": "));

        assertEquals(400, response.statusCode());
        assertEquals("{\"status\":\"failure\",\"message\":\"The request body is not valid JSON\"}", response.body());
        assertEquals(0, upstream.getRequestCount());
    }

    @Test
    void badConfigsAndBodiesGet400AndReachNoUpstream() throws Exception {
        Map<String, String> configs = Map.of(
                "{\"provider\":",
                "Invalid config passed. You need to pass a valid json",
                "pc-abc123",
                "Saved config ids such as 'pc-abc123' are only resolved by Portkey's hosted API;"
                        + " a local gateway needs the config JSON itself in x-portkey-config",
                "{\"strategy\":{\"mode\":\"fallback\"},\"targets\":[{\"provider\":\"openai\",\"retry\":{\"attempts\":\"x\"}}]}",
                "Invalid config passed: targets[0].retry.attempts: must be a whole number from 0 to 5");
        for (Map.Entry<String, String> config : configs.entrySet()) {
            HttpResponse<String> response = send(chat("{}").setHeader("x-portkey-config", config.getKey()));
            assertEquals(400, response.statusCode(), config.getKey());
            assertEquals(
                    "{\"status\":\"failure\",\"message\":\"" + config.getValue().replace("\"", "\\\"") + "\"}",
                    response.body());
        }
        Map<String, String> bodies = Map.of(
                "", "The request body is empty; expected a JSON object",
                "[1,2]", "The request body must be a JSON object");
        for (Map.Entry<String, String> body : bodies.entrySet()) {
            HttpResponse<String> response = send(chat(body.getKey()));
            assertEquals(400, response.statusCode());
            assertEquals("{\"status\":\"failure\",\"message\":\"" + body.getValue() + "\"}", response.body());
        }
        assertEquals(0, upstream.getRequestCount());
    }

    @Test
    void missingProviderAndUnknownProviderGet400() throws Exception {
        HttpResponse<String> none = send(HttpRequest.newBuilder(URI.create(server.url() + "/v1/chat/completions"))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")));
        HttpResponse<String> unknown =
                send(chat("{}").setHeader("x-portkey-config", "{\"provider\":\"nope\",\"api_key\":\"secret-key-1\"}"));

        assertEquals(400, none.statusCode());
        assertEquals(
                "{\"status\":\"failure\",\"message\":\"Either x-portkey-config or x-portkey-provider header is required\"}",
                none.body());
        assertEquals(400, unknown.statusCode());
        assertTrue(
                unknown.body()
                        .startsWith(
                                "{\"status\":\"failure\",\"message\":\"Invalid config passed: provider: Invalid provider passed: 'nope'"),
                unknown.body());
        assertTrue(!unknown.body().contains("secret-key-1"), "keys never appear in error bodies");
        assertEquals(0, upstream.getRequestCount());
    }

    @Test
    void optionsParseFlagsAndEnvironment() {
        ServerOptions defaults = Main.options(new String[0], java.util.Map.of());
        ServerOptions fromEnv = Main.options(new String[0], java.util.Map.of("PORT", "9000", "HOST", "0.0.0.0"));
        ServerOptions flags = Main.options(
                new String[] {"--port", "9100", "--host=::1", "--max-body-bytes", "10"},
                java.util.Map.of("PORT", "9000"));

        assertEquals(8787, defaults.port());
        assertEquals("127.0.0.1", defaults.host());
        assertEquals(9000, fromEnv.port());
        assertEquals("0.0.0.0", fromEnv.host());
        assertEquals(9100, flags.port());
        assertEquals("::1", flags.host());
        assertEquals(10, flags.maxBodyBytes());
    }

    @Test
    void embeddingsAndCompletionsAreServedForProvidersThatHaveThem() throws Exception {
        upstream.enqueue(new mockwebserver3.MockResponse.Builder()
                .code(200)
                .addHeader("content-type", "application/json")
                .body("{\"object\":\"list\",\"data\":[{\"object\":\"embedding\",\"index\":0,\"embedding\":[0.1]}]}")
                .build());
        HttpRequest.Builder embeddings = chat("{\"model\":\"text-embedding-3-small\",\"input\":\"hi\"}")
                .uri(URI.create(server.url() + "/v1/embeddings"));
        HttpRequest.Builder anthropicEmbeddings =
                embeddings.copy().setHeader("x-portkey-config", "{\"provider\":\"anthropic\",\"api_key\":\"k\"}");

        HttpResponse<String> relayed = send(embeddings);
        HttpResponse<String> unsupported = send(anthropicEmbeddings);

        assertEquals(200, relayed.statusCode());
        assertTrue(relayed.body().contains("\"embedding\":[0.1]"), relayed.body());
        assertEquals("/v1/embeddings", upstream.takeRequest().getTarget());
        assertEquals(400, unsupported.statusCode());
        assertEquals(
                "{\"status\":\"failure\",\"message\":\"embed is not supported by anthropic\"}", unsupported.body());
        assertEquals(
                "true",
                unsupported.headers().firstValue("x-portkey-gateway-exception").orElse(""));
    }
}
