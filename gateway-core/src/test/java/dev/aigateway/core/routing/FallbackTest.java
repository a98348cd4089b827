package dev.aigateway.core.routing;

import static dev.aigateway.core.testing.OpenAiFakes.CHAT_BODY;
import static dev.aigateway.core.testing.OpenAiFakes.error;
import static dev.aigateway.core.testing.OpenAiFakes.ok;
import static dev.aigateway.core.testing.OpenAiFakes.target;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aigateway.core.GatewayResponse;
import dev.aigateway.core.testing.TestGateway;
import java.net.ServerSocket;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FallbackTest {
    private final MockWebServer first = new MockWebServer();
    private final MockWebServer second = new MockWebServer();
    private final TestGateway test = new TestGateway();

    @BeforeEach
    void start() throws Exception {
        first.start();
        second.start();
    }

    @AfterEach
    void stop() {
        test.close();
        first.close();
        second.close();
        assertEquals(0, test.upstream.openResponses(), "upstream responses left open");
    }

    private String fallback(String strategyExtras, String... targets) {
        return "{\"strategy\":{\"mode\":\"fallback\"" + strategyExtras + "},\"targets\":[" + String.join(",", targets)
                + "]}";
    }

    private String url(MockWebServer server) {
        return server.url("/v1").toString();
    }

    @Test
    void aFailedFirstTargetFallsBackToTheSecond() throws Exception {
        first.enqueue(error(500, "boom"));
        second.enqueue(ok("from-second"));

        GatewayResponse response =
                test.chat(fallback("", target(url(first), "k1"), target(url(second), "k2")), CHAT_BODY);

        assertEquals(200, response.status());
        assertEquals(
                "from-second",
                TestGateway.json(response).at("/choices/0/message/content").asText());
        assertEquals("config.targets[1]", response.headers().value("x-portkey-last-used-option-index"));
        assertEquals("openai", response.headers().value("x-portkey-provider"));
        assertEquals("0", response.headers().value("x-portkey-retry-attempt-count"));
        assertEquals("DISABLED", response.headers().value("x-portkey-cache-status"));
        assertEquals("req-from-second", response.headers().value("x-request-id"), "upstream headers pass through");
        RecordedRequest toFirst = first.takeRequest(1, TimeUnit.SECONDS);
        RecordedRequest toSecond = second.takeRequest(1, TimeUnit.SECONDS);
        assertEquals("/v1/chat/completions", toFirst.getTarget());
        assertEquals("Bearer k1", toFirst.getHeaders().get("authorization"));
        assertEquals("Bearer k2", toSecond.getHeaders().get("authorization"));
        assertEquals(CHAT_BODY, toSecond.getBody().utf8(), "the caller's bytes are relayed unchanged");
    }

    @Test
    void aProviderThatDoesNotServeTheEndpointIsMovedPast() throws Exception {
        second.enqueue(new MockResponse.Builder()
                .code(200)
                .addHeader("content-type", "application/json")
                .body("{\"object\":\"list\",\"data\":[{\"object\":\"embedding\",\"index\":0,\"embedding\":[0.5]}],"
                        + "\"model\":\"text-embedding-3-small\",\"usage\":{\"prompt_tokens\":1,\"total_tokens\":1}}")
                .build());
        String config = fallback(
                "",
                "{\"provider\":\"anthropic\",\"api_key\":\"k1\",\"custom_host\":\"" + url(first) + "\"}",
                target(url(second), "k2"));

        GatewayResponse response =
                test.gateway.handle(dev.aigateway.core.GatewayRequest.builder(dev.aigateway.core.Endpoint.EMBED)
                        .config(config)
                        .body("{\"model\":\"text-embedding-3-small\",\"input\":\"hi\"}")
                        .build());

        assertEquals(200, response.status(), TestGateway.text(response));
        assertEquals("config.targets[1]", response.headers().value("x-portkey-last-used-option-index"));
        assertEquals(0, first.getRequestCount(), "anthropic serves no embeddings: nothing was sent to it");
    }

    @Test
    void aSuccessfulFirstTargetIsTheAnswer() throws Exception {
        first.enqueue(ok("from-first"));

        GatewayResponse response =
                test.chat(fallback("", target(url(first), "k1"), target(url(second), "k2")), CHAT_BODY);

        assertEquals(200, response.status());
        assertEquals("config.targets[0]", response.headers().value("x-portkey-last-used-option-index"));
        assertEquals(0, second.getRequestCount());
    }

    @Test
    void whenEveryTargetFailsTheLastAnswerIsReturned() throws Exception {
        first.enqueue(error(500, "first down"));
        second.enqueue(error(400, "second refused"));

        GatewayResponse response =
                test.chat(fallback("", target(url(first), "k1"), target(url(second), "k2")), CHAT_BODY);

        assertEquals(400, response.status());
        assertEquals("false", response.headers().value("x-should-retry"), "the SDK should not retry a spent fallback");
        assertEquals("config.targets[1]", response.headers().value("x-portkey-last-used-option-index"));
        assertEquals(
                "openai error: second refused",
                TestGateway.json(response).at("/error/message").asText());
        assertEquals("openai", TestGateway.json(response).at("/provider").asText());
    }

    @Test
    void onStatusCodesNarrowsWhichFailuresMoveOn() throws Exception {
        first.enqueue(error(500, "not a 429"));

        GatewayResponse response = test.chat(
                fallback(",\"on_status_codes\":[429]", target(url(first), "k1"), target(url(second), "k2")), CHAT_BODY);

        assertEquals(500, response.status());
        assertEquals("config.targets[0]", response.headers().value("x-portkey-last-used-option-index"));
        assertNull(response.headers().value("x-should-retry"), "the gateway spent nothing on this failure");
        assertEquals(0, second.getRequestCount());
    }

    @Test
    void onStatusCodesListedStatusMovesOn() throws Exception {
        first.enqueue(error(429, "slow down"));
        second.enqueue(ok("second"));

        GatewayResponse response = test.chat(
                fallback(",\"on_status_codes\":[429]", target(url(first), "k1"), target(url(second), "k2")), CHAT_BODY);

        assertEquals(200, response.status());
        assertEquals("config.targets[1]", response.headers().value("x-portkey-last-used-option-index"));
    }

    @Test
    void nestedGroupsReportTheFullPath() throws Exception {
        first.enqueue(error(503, "down"));
        second.enqueue(ok("nested"));
        String nested = fallback("", target(url(second), "k2"));

        GatewayResponse response = test.chat(fallback("", target(url(first), "k1"), nested), CHAT_BODY);

        assertEquals(200, response.status());
        assertEquals("config.targets[1].targets[0]", response.headers().value("x-portkey-last-used-option-index"));
    }

    @Test
    void anUnreachableTargetFallsBackWithA502() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        second.enqueue(ok("second"));
        String dead = target("http://127.0.0.1:" + closedPort + "/v1", "k1");

        GatewayResponse onlyDead = test.chat(fallback("", dead), CHAT_BODY);
        GatewayResponse withFallback = test.chat(fallback("", dead, target(url(second), "k2")), CHAT_BODY);

        assertEquals(502, onlyDead.status());
        assertEquals(
                "Could not reach openai: the connection was refused",
                TestGateway.json(onlyDead).at("/error/message").asText());
        assertEquals(200, withFallback.status());
        assertEquals("config.targets[1]", withFallback.headers().value("x-portkey-last-used-option-index"));
    }

    @Test
    void aTimedOutTargetAnswers408AndFallsBack() throws Exception {
        first.enqueue(new MockResponse.Builder()
                .headersDelay(5, TimeUnit.SECONDS)
                .body("{}")
                .build());
        second.enqueue(ok("second"));
        String slow = "{\"provider\":\"openai\",\"api_key\":\"k\",\"custom_host\":\"" + url(first)
                + "\",\"request_timeout\":200}";

        long start = System.nanoTime();
        GatewayResponse alone = test.chat(fallback("", slow), CHAT_BODY);
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;

        assertEquals(408, alone.status());
        assertEquals(
                "{\"error\":{\"message\":\"Request exceeded the timeout sent in the request: 200ms\","
                        + "\"type\":\"timeout_error\",\"param\":null,\"code\":null}}",
                TestGateway.text(alone));
        assertTrue(elapsedMillis < 3000, "the timeout cut the call short: " + elapsedMillis + " ms");

        first.enqueue(new MockResponse.Builder()
                .headersDelay(5, TimeUnit.SECONDS)
                .body("{}")
                .build());
        GatewayResponse fellBack = test.chat(fallback("", slow, target(url(second), "k2")), CHAT_BODY);
        assertEquals(200, fellBack.status());
        assertEquals("config.targets[1]", fellBack.headers().value("x-portkey-last-used-option-index"));
    }

    @Test
    void aTargetWithoutApiKeyIsCalledWithoutAuthorization() throws Exception {
        first.enqueue(error(401, "no key"));
        second.enqueue(ok("second"));
        String keyless = "{\"provider\":\"openai\",\"custom_host\":\"" + url(first) + "\"}";

        GatewayResponse response = test.chat(fallback("", keyless, target(url(second), "k2")), CHAT_BODY);

        assertEquals(200, response.status());
        assertNull(first.takeRequest(1, TimeUnit.SECONDS).getHeaders().get("authorization"));
    }
}
