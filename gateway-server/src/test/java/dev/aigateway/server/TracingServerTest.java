package dev.aigateway.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aigateway.core.internal.Json;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * W3C trace context through the gateway, and spans exported to a local OTLP/HTTP receiver: a
 * server span per call under the caller's span, a client span per attempt under it, whose id the
 * upstream received as its parent.
 */
class TracingServerTest {
    private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String CALLER_SPAN = "00f067aa0ba902b7";
    private static final String TRACEPARENT = "00-" + TRACE + "-" + CALLER_SPAN + "-01";

    private final MockWebServer first = new MockWebServer();
    private final MockWebServer second = new MockWebServer();
    private final MockWebServer collector = new MockWebServer();

    @BeforeEach
    void start() throws Exception {
        first.start();
        second.start();
        collector.start();
    }

    @AfterEach
    void stop() throws Exception {
        first.close();
        second.close();
        collector.close();
    }

    private String fallback() {
        return "{\"strategy\":{\"mode\":\"fallback\"},\"targets\":["
                + "{\"provider\":\"openai\",\"api_key\":\"sk-a\",\"custom_host\":\"" + first.url("/v1") + "\"},"
                + "{\"provider\":\"openai\",\"api_key\":\"sk-b\",\"custom_host\":\"" + second.url("/v1") + "\"}]}";
    }

    private static String body() {
        return "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";
    }

    private Map<String, String> otel() {
        Map<String, String> env = new HashMap<>();
        String url = collector.url("/").toString();
        env.put("OTEL_EXPORTER_OTLP_ENDPOINT", url.substring(0, url.length() - 1));
        env.put("OTEL_BSP_SCHEDULE_DELAY", "20");
        env.put("OTEL_SERVICE_NAME", "gateway-under-test");
        return env;
    }

    @Test
    void spansOfACallAndItsAttemptsAreExportedUnderTheCallersSpan() throws Exception {
        first.enqueue(ObservabilityServerTest.failure(503));
        second.enqueue(ObservabilityServerTest.answer("gpt-4o", 10, 2));
        collector.enqueue(new MockResponse.Builder().code(200).body("{}").build());
        try (ObservedServer server = new ObservedServer(otel())) {
            assertEquals(
                    200,
                    server.post(
                                    "/v1/chat/completions",
                                    body(),
                                    "x-portkey-config",
                                    fallback(),
                                    "traceparent",
                                    TRACEPARENT,
                                    "tracestate",
                                    "vendor=opaque")
                            .statusCode());
        } // closing sends what is queued

        String firstParent = first.takeRequest(1, TimeUnit.SECONDS).getHeaders().get("traceparent");
        RecordedRequest secondRequest = second.takeRequest(1, TimeUnit.SECONDS);
        String secondParent = secondRequest.getHeaders().get("traceparent");
        assertTrue(firstParent.startsWith("00-" + TRACE + "-") && firstParent.endsWith("-01"), firstParent);
        assertTrue(secondParent.startsWith("00-" + TRACE + "-"), secondParent);
        assertNotEquals(firstParent, secondParent, "each attempt is a span of its own");
        assertFalse(firstParent.contains(CALLER_SPAN), "the upstream's parent is the gateway's span");
        assertEquals("vendor=opaque", secondRequest.getHeaders().get("tracestate"));

        RecordedRequest export = collector.takeRequest(5, TimeUnit.SECONDS);
        assertNotNull(export, "the spans reached the collector");
        assertEquals("/v1/traces", export.getTarget());
        assertTrue(export.getHeaders().get("content-type").startsWith("application/json"));
        JsonNode resource =
                Json.parse(export.getBody().utf8()).path("resourceSpans").get(0);
        assertEquals(
                "gateway-under-test",
                resource.path("resource")
                        .path("attributes")
                        .get(0)
                        .path("value")
                        .path("stringValue")
                        .asText());
        JsonNode spans = resource.path("scopeSpans").get(0).path("spans");
        assertEquals(3, spans.size());
        JsonNode call = spans.get(0);
        assertEquals(TRACE, call.path("traceId").asText());
        assertEquals(CALLER_SPAN, call.path("parentSpanId").asText());
        assertEquals(2, call.path("kind").asInt(), "SERVER");
        assertEquals("chat gpt-4o", call.path("name").asText());
        assertEquals(
                "openai",
                attribute(call, "gen_ai.provider.name").path("stringValue").asText());
        assertEquals(
                "10",
                attribute(call, "gen_ai.usage.input_tokens").path("intValue").asText());
        assertTrue(attribute(call, "gateway.fallback").path("boolValue").asBoolean());
        for (int i = 1; i <= 2; i++) {
            JsonNode attempt = spans.get(i);
            assertEquals(TRACE, attempt.path("traceId").asText());
            assertEquals(
                    call.path("spanId").asText(), attempt.path("parentSpanId").asText());
            assertEquals(3, attempt.path("kind").asInt(), "CLIENT");
            assertEquals(
                    i == 1 ? firstParent : secondParent,
                    "00-" + TRACE + "-" + attempt.path("spanId").asText() + "-01",
                    "the upstream received the attempt's span as its parent");
            assertTrue(Long.parseLong(attempt.path("startTimeUnixNano").asText())
                    >= Long.parseLong(call.path("startTimeUnixNano").asText()));
        }
        assertEquals(
                "503", attribute(spans.get(1), "error.type").path("stringValue").asText());
        assertEquals(2, spans.get(1).path("status").path("code").asInt(), "ERROR");
        assertEquals(
                "config.targets[1]",
                attribute(spans.get(2), "gateway.target").path("stringValue").asText());
    }

    @Test
    void withoutACallersTraceTheGatewayStartsOne() throws Exception {
        first.enqueue(ObservabilityServerTest.answer("gpt-4o", 1, 1));
        collector.enqueue(new MockResponse.Builder().code(200).body("{}").build());
        try (ObservedServer server = new ObservedServer(otel())) {
            server.post(
                    "/v1/chat/completions",
                    body(),
                    "x-portkey-config",
                    "{\"provider\":\"openai\",\"api_key\":\"sk-a\",\"custom_host\":\"" + first.url("/v1") + "\"}");
        }
        String parent = first.takeRequest(1, TimeUnit.SECONDS).getHeaders().get("traceparent");
        assertTrue(parent.matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01"), parent);
        JsonNode spans = Json.parse(
                        collector.takeRequest(5, TimeUnit.SECONDS).getBody().utf8())
                .path("resourceSpans")
                .get(0)
                .path("scopeSpans")
                .get(0)
                .path("spans");
        assertEquals(parent.substring(3, 35), spans.get(0).path("traceId").asText());
        assertFalse(spans.get(0).has("parentSpanId"), "a root span");
    }

    @Test
    void withoutAnExporterTheCallersContextReachesTheUpstreamUnchanged() throws Exception {
        first.enqueue(ObservabilityServerTest.answer("gpt-4o", 1, 1));
        first.enqueue(ObservabilityServerTest.answer("gpt-4o", 1, 1));
        String config = "{\"provider\":\"openai\",\"api_key\":\"sk-a\",\"custom_host\":\"" + first.url("/v1") + "\"}";
        try (ObservedServer server = new ObservedServer(Map.of())) {
            server.post(
                    "/v1/chat/completions",
                    body(),
                    "x-portkey-config",
                    config,
                    "traceparent",
                    TRACEPARENT,
                    "tracestate",
                    "vendor=opaque");
            server.post("/v1/chat/completions", body(), "x-portkey-config", config, "traceparent", "not-a-trace");
        }
        RecordedRequest traced = first.takeRequest(1, TimeUnit.SECONDS);
        assertEquals(TRACEPARENT, traced.getHeaders().get("traceparent"));
        assertEquals("vendor=opaque", traced.getHeaders().get("tracestate"));
        assertNull(first.takeRequest(1, TimeUnit.SECONDS).getHeaders().get("traceparent"), "an invalid one is dropped");
        assertEquals(0, collector.getRequestCount());
    }

    private static JsonNode attribute(JsonNode span, String key) {
        for (JsonNode attribute : span.path("attributes")) {
            if (attribute.path("key").asText().equals(key)) {
                return attribute.path("value");
            }
        }
        throw new AssertionError("no attribute " + key + " in " + span);
    }
}
