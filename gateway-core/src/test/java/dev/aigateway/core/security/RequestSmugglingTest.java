package dev.aigateway.core.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aigateway.core.GatewayResponse;
import dev.aigateway.core.internal.Json;
import dev.aigateway.core.testing.OpenAiFakes;
import dev.aigateway.core.testing.TestGateway;
import java.io.IOException;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The attack end to end: a key that ends its header line, ends the request, and starts a second
 * request on the same pooled keep-alive connection. The upstream then answers twice, the second
 * answer waits in the connection, and the next caller to use the connection reads it as its own.
 * Now the key is refused before anything is sent, and every caller gets its own answer.
 */
class RequestSmugglingTest {
    private static final String SMUGGLING_KEY =
            "ok-x\r\nContent-Length: 0\r\n\r\n" + "POST /v1/smuggled HTTP/1.1\r\nHost: upstream\r\nX-Smuggled: yes";

    private final MockWebServer server = new MockWebServer();
    private final TestGateway test = new TestGateway();

    @BeforeEach
    void start() throws Exception {
        server.start();
        // Every request is answered with the "user" of its own body, so answers show whose they are.
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                String body = request.getBody() == null ? "" : request.getBody().utf8();
                JsonNode json = Json.parseOrNull(body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                String user = json == null ? "nobody" : json.path("user").asText("nobody");
                return OpenAiFakes.ok("answer-for-" + user);
            }
        });
    }

    @AfterEach
    void stop() {
        server.close();
        assertEquals(0, test.upstream.openResponses(), "upstream responses left open");
    }

    private GatewayResponse chat(String key, String user) {
        String config = Json.text(Json.object()
                .put("provider", "openai")
                .put("api_key", key)
                .put("custom_host", server.url("/v1").toString())
                .put("request_timeout", InjectionFixture.TIMEOUT_MILLIS));
        return test.chat(
                config,
                "{\"model\":\"gpt-4o\",\"user\":\"" + user
                        + "\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");
    }

    private static String content(GatewayResponse response) throws IOException {
        return TestGateway.json(response)
                .path("choices")
                .path(0)
                .path("message")
                .path("content")
                .asText();
    }

    @Test
    void aSmuggledRequestNeverReachesTheConnectionAndTheNextCallerGetsItsOwnAnswer() throws Exception {
        GatewayResponse attacker = chat(SMUGGLING_KEY, "attacker");
        GatewayResponse victim = chat("sk-victim", "victim");

        assertEquals(200, victim.status(), TestGateway.text(victim));
        assertEquals("answer-for-victim", content(victim), "the victim reads its own answer");
        assertEquals(400, attacker.status(), TestGateway.text(attacker));
        assertEquals(1, server.getRequestCount(), "only the victim's request reached the upstream");
        RecordedRequest received = server.takeRequest();
        assertEquals("/v1/chat/completions", received.getTarget());
        assertEquals("Bearer sk-victim", received.getHeaders().get("authorization"));
    }
}
