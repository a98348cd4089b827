package dev.aigateway.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.aigateway.core.Gateway;
import dev.aigateway.core.internal.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the server refuses before the gateway routes anything is answered in the route's own shape:
 * Anthropic's error on {@code /v1/messages} and {@code /v1/messages/count_tokens}, Portkey's and
 * OpenAI's on {@code /v1/responses}.
 */
class MessagesRouteErrorsTest {
    private static final int LIMIT = 1024;

    private GatewayServer server;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() {
        server = GatewayServer.builder()
                .port(0)
                .maxBodyBytes(LIMIT)
                .gateway(Gateway.create())
                .build()
                .start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aWrongContentTypeIsAnAnthropicError() throws Exception {
        HttpResponse<String> response = post("/v1/messages", "text/plain", "{}");

        assertEquals(400, response.statusCode());
        assertEquals(
                "{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\",\"message\":\"Invalid content type passed\"}}",
                response.body());
    }

    @Test
    void aBodyOverTheLimitIsAnAnthropicError() throws Exception {
        HttpResponse<String> response =
                post("/v1/messages/count_tokens", "application/json", "{\"x\":\"" + "a".repeat(LIMIT) + "\"}");

        assertEquals(413, response.statusCode());
        assertEquals(
                "{\"type\":\"error\",\"error\":{\"type\":\"request_too_large\",\"message\":\"The request body is"
                        + " larger than the gateway's limit of " + LIMIT + " bytes\"}}",
                response.body());
    }

    @Test
    void badJsonAndAMissingProviderAreAnthropicErrors() throws Exception {
        HttpResponse<String> noProvider = post("/v1/messages", "application/json", "{\"model\":\"m\"}");
        HttpResponse<String> badJson = http.send(
                HttpRequest.newBuilder(URI.create(server.url() + "/v1/messages"))
                        .header("content-type", "application/json")
                        .header("x-portkey-provider", "anthropic")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"model\":"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertEquals(400, noProvider.statusCode());
        assertEquals(
                "{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\",\"message\":"
                        + "\"Either x-portkey-config or x-portkey-provider header is required\"}}",
                noProvider.body());
        assertEquals(400, badJson.statusCode());
        assertEquals(
                "{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\",\"message\":"
                        + "\"The request body is not valid JSON\"}}",
                badJson.body());
    }

    @Test
    void responsesErrorsKeepOpenAisShapes() throws Exception {
        HttpResponse<String> badType = post("/v1/responses", "text/plain", "{}");
        HttpResponse<String> tooBig =
                post("/v1/responses", "application/json", "{\"x\":\"" + "a".repeat(LIMIT) + "\"}");

        assertEquals("{\"status\":\"failure\",\"message\":\"Invalid content type passed\"}", badType.body());
        assertEquals(413, tooBig.statusCode());
        assertEquals(
                "request_too_large", Json.parse(tooBig.body()).at("/error/code").asText());
    }

    private HttpResponse<String> post(String path, String contentType, String body) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(server.url() + path))
                        .header("content-type", contentType)
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
