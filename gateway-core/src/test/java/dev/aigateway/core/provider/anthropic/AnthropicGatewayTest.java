package dev.aigateway.core.provider.anthropic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aigateway.core.Endpoint;
import dev.aigateway.core.GatewayRequest;
import dev.aigateway.core.GatewayResponse;
import dev.aigateway.core.internal.Json;
import dev.aigateway.core.stream.SseEvent;
import dev.aigateway.core.testing.TestGateway;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Anthropic's key and its version and beta headers as callers send them to the gateway: the key
 * in {@code Authorization} (Portkey's header mode) or in {@code x-api-key} (Claude Code), the
 * headers {@code x-portkey-} prefixed or plain, or as config keys. Never an {@code Authorization}
 * header upstream.
 */
class AnthropicGatewayTest {
    private static final String BODY =
            "{\"model\":\"claude-sonnet-4-5\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";

    private final MockWebServer anthropic = new MockWebServer();
    private final TestGateway test = new TestGateway();

    @BeforeEach
    void start() throws Exception {
        anthropic.start();
    }

    @AfterEach
    void stop() {
        test.close();
        anthropic.close();
        assertEquals(0, test.upstream.openResponses(), "upstream responses left open");
    }

    @Test
    void headerModeKeyFromAuthorizationWithPrefixedVersionAndPlainBeta() throws Exception {
        RecordedRequest sent = send(headerMode()
                .header("authorization", "Bearer sk-ant-from-authorization")
                .header("x-api-key", "sk-ant-ignored")
                .header("x-portkey-anthropic-version", "2023-01-01")
                .header("anthropic-beta", "prompt-caching-2024-07-31"));

        assertEquals("sk-ant-from-authorization", sent.getHeaders().get("x-api-key"));
        assertNull(sent.getHeaders().get("authorization"));
        assertEquals("2023-01-01", sent.getHeaders().get("anthropic-version"));
        assertEquals("prompt-caching-2024-07-31", sent.getHeaders().get("anthropic-beta"));
    }

    @Test
    void headerModeKeyFromXApiKeyWithPlainVersionAndPrefixedBeta() throws Exception {
        RecordedRequest sent = send(headerMode()
                .header("x-api-key", "sk-ant-from-x-api-key")
                .header("anthropic-version", "2023-06-01")
                .header("x-portkey-anthropic-beta", "output-128k-2025-02-19"));

        assertEquals("sk-ant-from-x-api-key", sent.getHeaders().get("x-api-key"));
        assertNull(sent.getHeaders().get("authorization"));
        assertEquals("2023-06-01", sent.getHeaders().get("anthropic-version"));
        assertEquals("output-128k-2025-02-19", sent.getHeaders().get("anthropic-beta"));
    }

    @Test
    void configKeysSetTheKeyVersionAndBeta() throws Exception {
        String config = "{\"provider\":\"anthropic\",\"api_key\":\"sk-ant-config\",\"custom_host\":\""
                + anthropic.url("/v1") + "\",\"anthropic_version\":\"2023-01-01\","
                + "\"anthropic_beta\":\"token-efficient-tools-2025-02-19\"}";

        RecordedRequest sent = send(GatewayRequest.builder(Endpoint.CHAT_COMPLETE)
                .config(config)
                .header("authorization", "Bearer not-for-anthropic"));

        assertEquals("sk-ant-config", sent.getHeaders().get("x-api-key"));
        assertNull(sent.getHeaders().get("authorization"));
        assertEquals("2023-01-01", sent.getHeaders().get("anthropic-version"));
        assertEquals("token-efficient-tools-2025-02-19", sent.getHeaders().get("anthropic-beta"));
    }

    @Test
    void withoutVersionHeadersTheDefaultVersionAndNoBeta() throws Exception {
        RecordedRequest sent = send(headerMode().header("authorization", "Bearer sk-ant-1"));

        assertEquals("2023-06-01", sent.getHeaders().get("anthropic-version"));
        assertNull(sent.getHeaders().get("anthropic-beta"));
    }

    @Test
    void anErrorEventMidStreamEndsWithOneErrorEventAndDone() throws Exception {
        anthropic.enqueue(new MockResponse.Builder()
                .code(200)
                .addHeader("content-type", "text/event-stream")
                .body("event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\","
                        + "\"type\":\"message\",\"role\":\"assistant\",\"content\":[],\"model\":\"claude-sonnet-4-5\","
                        + "\"usage\":{\"input_tokens\":3,\"output_tokens\":1}}}\n\n"
                        + "event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\","
                        + "\"message\":\"Overloaded\"}}\n\n")
                .build());
        GatewayResponse response = test.gateway.handle(headerMode()
                .header("authorization", "Bearer sk-ant-1")
                .body(BODY.replace("{\"model\"", "{\"stream\":true,\"model\""))
                .build());

        List<SseEvent> events = new ArrayList<>();
        assertInstanceOf(GatewayResponse.Streaming.class, response)
                .events()
                .writeTo((name, data) -> events.add(new SseEvent(name, data)));
        assertEquals(3, events.size(), events::toString);
        assertEquals(
                "assistant",
                Json.parse(events.get(0).data()).at("/choices/0/delta/role").asText());
        JsonNode error = Json.parse(events.get(1).data()).path("error");
        assertEquals("anthropic error: Overloaded", error.path("message").asText());
        assertEquals("overloaded_error", error.path("type").asText());
        assertEquals("[DONE]", events.get(2).data());
    }

    private GatewayRequest.Builder headerMode() {
        return GatewayRequest.builder(Endpoint.CHAT_COMPLETE)
                .header("x-portkey-provider", "anthropic")
                .header("x-portkey-custom-host", anthropic.url("/v1").toString());
    }

    private RecordedRequest send(GatewayRequest.Builder request) throws Exception {
        anthropic.enqueue(new MockResponse.Builder()
                .code(200)
                .addHeader("content-type", "application/json")
                .body("{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude-sonnet-4-5\","
                        + "\"content\":[{\"type\":\"text\",\"text\":\"Hello\"}],\"stop_reason\":\"end_turn\","
                        + "\"usage\":{\"input_tokens\":3,\"output_tokens\":1}}")
                .build());
        GatewayResponse response = test.gateway.handle(request.body(BODY).build());

        assertEquals(200, response.status(), () -> TestGateway.text(response));
        assertEquals(
                "Hello",
                TestGateway.json(response).at("/choices/0/message/content").asText());
        RecordedRequest sent = anthropic.takeRequest(1, TimeUnit.SECONDS);
        assertEquals("/v1/messages", sent.getTarget());
        return sent;
    }
}
