package dev.aigateway.core.pipeline;

import static dev.aigateway.core.testing.OpenAiFakes.CHAT_BODY;
import static dev.aigateway.core.testing.OpenAiFakes.STREAM_BODY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.aigateway.core.GatewayResponse;
import dev.aigateway.core.http.Headers;
import dev.aigateway.core.testing.OpenAiFakes;
import dev.aigateway.core.testing.TestGateway;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The gateway's response headers: Portkey's {@code x-portkey-*} set on every answer a target gave
 * (success, upstream error, stream), and the upstream's own headers passed through except the
 * hop-by-hop ones and those that describe the upstream body.
 */
class ResponseHeadersTest {
    private static final List<String> NEVER_PASSED =
            List.of("keep-alive", "proxy-authenticate", "trailer", "upgrade", "content-length", "transfer-encoding");

    private final MockWebServer server = new MockWebServer();
    private final TestGateway test = new TestGateway();

    @BeforeEach
    void start() throws Exception {
        server.start();
    }

    @AfterEach
    void stop() {
        test.close();
        server.close();
        assertEquals(0, test.upstream.openResponses(), "upstream responses left open");
    }

    private String config() {
        return "{\"provider\":\"openai\",\"api_key\":\"k\",\"custom_host\":\"" + server.url("/v1") + "\"}";
    }

    private static MockResponse withUpstreamHeaders(MockResponse response) {
        return new MockResponse.Builder(response)
                .addHeader("openai-processing-ms", "12")
                .addHeader("x-ratelimit-remaining-requests", "99")
                .addHeader("keep-alive", "timeout=5")
                .addHeader("proxy-authenticate", "Basic")
                .addHeader("trailer", "x-checksum")
                .addHeader("upgrade", "h2c")
                .build();
    }

    private static void assertPortkeyHeaders(Headers headers) {
        assertEquals("config", headers.value("x-portkey-last-used-option-index"));
        assertEquals("0", headers.value("x-portkey-retry-attempt-count"));
        assertEquals("openai", headers.value("x-portkey-provider"));
        assertEquals("DISABLED", headers.value("x-portkey-cache-status"));
        assertEquals(36, headers.value("x-portkey-trace-id").length());
    }

    private static void assertUpstreamHeadersFiltered(Headers headers) {
        assertEquals("12", headers.value("openai-processing-ms"));
        assertEquals("99", headers.value("x-ratelimit-remaining-requests"));
        for (String name : NEVER_PASSED) {
            assertNull(headers.value(name), name);
        }
        assertEquals(1, headers.values("content-type").size());
    }

    @Test
    void aSuccessfulAnswer() {
        server.enqueue(withUpstreamHeaders(OpenAiFakes.ok("hi")));

        GatewayResponse response = test.chat(config(), CHAT_BODY);

        assertEquals(200, response.status());
        assertEquals("application/json", response.headers().value("content-type"));
        assertPortkeyHeaders(response.headers());
        assertUpstreamHeadersFiltered(response.headers());
    }

    @Test
    void anUpstreamErrorKeepsItsStatusAndHeaders() throws Exception {
        server.enqueue(withUpstreamHeaders(OpenAiFakes.error(429, "Rate limit reached")));

        GatewayResponse response = test.chat(config(), CHAT_BODY);

        assertEquals(429, response.status());
        assertEquals(
                "{\"error\":{\"message\":\"openai error: Rate limit reached\",\"type\":\"server_error\","
                        + "\"param\":null,\"code\":null},\"provider\":\"openai\"}",
                TestGateway.text(response));
        assertPortkeyHeaders(response.headers());
        assertUpstreamHeadersFiltered(response.headers());
    }

    @Test
    void aStream() throws Exception {
        server.enqueue(withUpstreamHeaders(OpenAiFakes.stream("hi")));

        GatewayResponse response = test.chat(config(), STREAM_BODY);
        ((GatewayResponse.Streaming) response).events().writeTo((name, data) -> {});

        assertEquals("text/event-stream", response.headers().value("content-type"));
        assertPortkeyHeaders(response.headers());
        assertUpstreamHeadersFiltered(response.headers());
    }

    @Test
    void aGatewayExceptionCarriesOnlyTheTraceId() {
        GatewayResponse response = test.chat(
                "{\"provider\":\"azure-openai\",\"api_key\":\"k\",\"custom_host\":\"" + server.url("/") + "\"}",
                CHAT_BODY);

        assertEquals(400, response.status());
        assertEquals("true", response.headers().value("x-portkey-gateway-exception"));
        assertEquals(36, response.headers().value("x-portkey-trace-id").length());
        assertNull(response.headers().value("x-portkey-last-used-option-index"));
        assertEquals(0, server.getRequestCount());
    }
}
