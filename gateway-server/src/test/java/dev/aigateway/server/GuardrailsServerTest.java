package dev.aigateway.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Guardrails through the server as {@code java -jar} builds it: a denial's 446 on the wire, a
 * webhook guardrail calling a local service, and hooks that run again on a cached answer.
 */
class GuardrailsServerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final MockWebServer upstream = new MockWebServer();
    private final MockWebServer hooks = new MockWebServer();
    private GatewayServer server;

    @BeforeEach
    void start() throws Exception {
        upstream.start();
        hooks.start();
        server = Main.serve(
                ServerOptions.parse(new String[] {"--port", "0"}, Map.of()),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void stop() {
        server.close();
        upstream.close();
        hooks.close();
    }

    private HttpResponse<String> chat(String extra, String userText) throws Exception {
        String config = ("{'provider':'openai','api_key':'sk-test','custom_host':'" + upstream.url("/v1") + "'," + extra
                        + "}")
                .replace('\'', '"');
        return http.send(
                HttpRequest.newBuilder(URI.create(server.url() + "/v1/chat/completions"))
                        .header("content-type", "application/json")
                        .header("x-portkey-config", config)
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"" + userText
                                        + "\"}]}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static MockResponse answer(String content) {
        return new MockResponse.Builder()
                .code(200)
                .addHeader("content-type", "application/json")
                .body(
                        "{\"id\":\"c\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"gpt-4o\",\"choices\":[{\"index\":0,"
                                + "\"message\":{\"role\":\"assistant\",\"content\":\"" + content
                                + "\"},\"finish_reason\":\"stop\"}]}")
                .build();
    }

    @Test
    void aDeniedRequestIsA446OnTheWireAndNoUpstreamIsCalled() throws Exception {
        HttpResponse<String> denied = chat(
                "'input_guardrails':[{'default.contains':{'operator':'none','words':['password']},'deny':true}]",
                "my password");

        assertEquals(446, denied.statusCode());
        JsonNode body = JSON.readTree(denied.body());
        assertEquals("hooks_failed", body.path("error").path("type").asText());
        assertEquals(
                "Check failed for 'none' words. Some words were found.",
                body.path("hook_results")
                        .path("before_request_hooks")
                        .path(0)
                        .path("checks")
                        .path(0)
                        .path("data")
                        .path("explanation")
                        .asText());
        assertEquals(0, upstream.getRequestCount());
    }

    @Test
    void aWebhookGuardrailCallsTheLocalServiceAndItsFailureIsA246() throws Exception {
        upstream.enqueue(answer("hello"));
        hooks.enqueue(new MockResponse.Builder()
                .code(200)
                .addHeader("content-type", "application/json")
                .body("{\"verdict\":false,\"data\":{\"reason\":\"off-topic\"}}")
                .build());

        HttpResponse<String> answer =
                chat("'output_guardrails':[{'default.webhook':{'webhookURL':'" + hooks.url("/judge") + "'}}]", "hi");

        assertEquals(246, answer.statusCode());
        JsonNode check = JSON.readTree(answer.body())
                .path("hook_results")
                .path("after_request_hooks")
                .path(0)
                .path("checks")
                .path(0);
        assertEquals(
                "off-topic",
                check.path("data").path("responseData").path("reason").asText());
        RecordedRequest judged = hooks.takeRequest();
        assertEquals(
                "afterRequestHook",
                JSON.readTree(judged.getBody().utf8()).path("eventType").asText());
        assertEquals(
                "hello",
                JSON.readTree(judged.getBody().utf8())
                        .path("response")
                        .path("text")
                        .asText());
    }

    @Test
    void hooksRunAgainOnACachedAnswer() throws Exception {
        upstream.enqueue(answer("one two three four"));
        String extra =
                "'cache':{'mode':'simple'},'output_guardrails':[{'default.wordCount':{'maxWords':3},'deny':true}]";

        HttpResponse<String> first = chat(extra, "count");
        HttpResponse<String> second = chat(extra, "count");

        assertEquals(446, first.statusCode());
        assertEquals(446, second.statusCode());
        assertEquals(
                "HIT", second.headers().firstValue("x-portkey-cache-status").orElse(""));
        assertTrue(second.body().contains("hook_results"));
        assertEquals(1, upstream.getRequestCount());
    }
}
