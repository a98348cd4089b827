package dev.aigateway.server;

import static dev.aigateway.server.PrometheusText.valueOrZero;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aigateway.core.internal.Json;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The metrics and the access log after a fallback, a retry, a stream and a failure, scraped from
 * {@code /metrics} and read from the log's lines: counters, histogram counts and sums, the fields
 * of each line, and no key anywhere.
 */
class ObservabilityServerTest {
    private static final String CALLER_KEY = "sk-caller-secret-0123456789";
    private static final String PROVIDER_KEY = "sk-provider-secret-9876543210";
    private static final String CHAT = "/v1/chat/completions";
    private static final String ROUTE = "route";
    private static final String PROVIDER = "gen_ai_provider_name";
    private static final String MODEL = "gen_ai_request_model";
    private static final String OPERATION = "gen_ai_operation_name";

    private final MockWebServer first = new MockWebServer();
    private final MockWebServer second = new MockWebServer();
    private ObservedServer server;

    @BeforeEach
    void start() throws Exception {
        first.start();
        second.start();
        server = new ObservedServer(Map.of());
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
        first.close();
        second.close();
    }

    static MockResponse answer(String model, int input, int output) {
        return new MockResponse.Builder()
                .code(200)
                .addHeader("content-type", "application/json")
                .body("{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"" + model
                        + "\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"hi\"},"
                        + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":" + input
                        + ",\"completion_tokens\":" + output + ",\"total_tokens\":" + (input + output) + "}}")
                .build();
    }

    static MockResponse failure(int status) {
        return new MockResponse.Builder()
                .code(status)
                .addHeader("content-type", "application/json")
                .body("{\"error\":{\"message\":\"overloaded\",\"type\":\"server_error\"}}")
                .build();
    }

    private String target(MockWebServer upstream) {
        return "{\"provider\":\"openai\",\"api_key\":\"" + PROVIDER_KEY + "\",\"custom_host\":\"" + upstream.url("/v1")
                + "\"}";
    }

    private static String body(String model) {
        return "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"Say hi.\"}]}";
    }

    private HttpResponse<String> chat(String config, String body) throws Exception {
        return server.post(CHAT, body, "x-portkey-config", config, "authorization", "Bearer " + CALLER_KEY);
    }

    private JsonNode onlyLine() throws Exception {
        List<String> lines = server.lines();
        assertEquals(1, lines.size(), lines.toString());
        return Json.parse(lines.get(0));
    }

    @Test
    void aFallbackIsCountedLoggedAndPriced() throws Exception {
        first.enqueue(failure(503));
        second.enqueue(answer("gpt-4o-mini", 1000, 500));
        String config =
                "{\"strategy\":{\"mode\":\"fallback\"},\"targets\":[" + target(first) + "," + target(second) + "]}";

        HttpResponse<String> response = chat(config, body("gpt-4o-mini"));

        assertEquals(200, response.statusCode());
        // 1000 input tokens at $0.15 and 500 output tokens at $0.60 per million
        assertEquals(
                "0.00045000",
                response.headers().firstValue("x-gateway-cost-usd").orElseThrow());
        String metrics = server.metrics();
        assertEquals(
                1,
                valueOrZero(
                        metrics,
                        "gateway_requests_total",
                        ROUTE,
                        CHAT,
                        PROVIDER,
                        "openai",
                        "status_class",
                        "2xx",
                        "fallback",
                        "true",
                        "gateway_key",
                        ""));
        assertEquals(1, valueOrZero(metrics, "gateway_fallbacks_total", ROUTE, CHAT, "target_index", "1"));
        assertEquals(
                1,
                valueOrZero(
                        metrics,
                        "gen_ai_client_operation_duration_seconds_count",
                        OPERATION,
                        "chat",
                        PROVIDER,
                        "openai",
                        MODEL,
                        "gpt-4o-mini",
                        "error_type",
                        "503"));
        assertEquals(
                1,
                valueOrZero(
                        metrics,
                        "gen_ai_client_operation_duration_seconds_count",
                        OPERATION,
                        "chat",
                        PROVIDER,
                        "openai",
                        MODEL,
                        "gpt-4o-mini",
                        "error_type",
                        ""));
        assertEquals(
                1000,
                valueOrZero(
                        metrics,
                        "gen_ai_client_token_usage_sum",
                        OPERATION,
                        "chat",
                        PROVIDER,
                        "openai",
                        MODEL,
                        "gpt-4o-mini",
                        "gen_ai_token_type",
                        "input"));
        assertEquals(
                500,
                valueOrZero(
                        metrics,
                        "gen_ai_client_token_usage_sum",
                        OPERATION,
                        "chat",
                        PROVIDER,
                        "openai",
                        MODEL,
                        "gpt-4o-mini",
                        "gen_ai_token_type",
                        "output"));
        assertEquals(
                1,
                valueOrZero(
                        metrics,
                        "gen_ai_client_token_usage_count",
                        OPERATION,
                        "chat",
                        PROVIDER,
                        "openai",
                        MODEL,
                        "gpt-4o-mini",
                        "gen_ai_token_type",
                        "output"));
        assertEquals(
                0.00045,
                valueOrZero(
                        metrics, "gateway_cost_usd_total", PROVIDER, "openai", MODEL, "gpt-4o-mini", "gateway_key", ""),
                1e-12);
        assertEquals(
                1, valueOrZero(metrics, "gateway_request_duration_seconds_count", ROUTE, CHAT, "status_class", "2xx"));

        JsonNode line = onlyLine();
        assertEquals(200, line.path("status").asInt());
        assertEquals(CHAT, line.path("route").asText());
        assertTrue(line.path("fallback").asBoolean());
        assertEquals(2, line.path("targets").size());
        assertEquals(
                "config.targets[0]", line.path("targets").get(0).path("target").asText());
        assertEquals(503, line.path("targets").get(0).path("status").asInt());
        assertEquals(200, line.path("targets").get(1).path("status").asInt());
        assertEquals("config.targets[1]", line.path("answered_by").asText());
        assertEquals("openai", line.path("provider").asText());
        assertEquals("gpt-4o-mini", line.path("model").asText());
        assertEquals(1000, line.path("input_tokens").asInt());
        assertEquals(500, line.path("output_tokens").asInt());
        assertEquals(0.00045, line.path("cost_usd").asDouble(), 1e-12);
        assertEquals(
                response.headers().firstValue("x-portkey-trace-id").orElseThrow(),
                line.path("trace_id").asText());
        assertTrue(line.path("duration_ms").asDouble() > 0);
        assertNoKeys();
    }

    @Test
    void retriesAreCountedByProvider() throws Exception {
        first.enqueue(failure(500));
        first.enqueue(answer("gpt-4o", 10, 5));
        String config = "{\"provider\":\"openai\",\"api_key\":\"" + PROVIDER_KEY + "\",\"custom_host\":\""
                + first.url("/v1") + "\",\"retry\":{\"attempts\":2,\"on_status_codes\":[500]}}";

        assertEquals(200, chat(config, body("gpt-4o")).statusCode());

        String metrics = server.metrics();
        assertEquals(1, valueOrZero(metrics, "gateway_retries_total", ROUTE, CHAT, PROVIDER, "openai"));
        assertEquals(
                1,
                valueOrZero(
                        metrics,
                        "gateway_requests_total",
                        ROUTE,
                        CHAT,
                        PROVIDER,
                        "openai",
                        "status_class",
                        "2xx",
                        "fallback",
                        "false",
                        "gateway_key",
                        ""));
        assertEquals(
                2,
                valueOrZero(
                                metrics,
                                "gen_ai_client_operation_duration_seconds_count",
                                OPERATION,
                                "chat",
                                PROVIDER,
                                "openai",
                                MODEL,
                                "gpt-4o",
                                "error_type",
                                "500")
                        + valueOrZero(
                                metrics,
                                "gen_ai_client_operation_duration_seconds_count",
                                OPERATION,
                                "chat",
                                PROVIDER,
                                "openai",
                                MODEL,
                                "gpt-4o",
                                "error_type",
                                ""));
        JsonNode line = onlyLine();
        assertEquals(1, line.path("retries").asInt());
        assertEquals(2, line.path("targets").size());
        assertEquals(1, line.path("targets").get(1).path("attempt").asInt());
        assertFalse(line.path("fallback").asBoolean());
        assertNoKeys();
    }

    @Test
    void aStreamReportsItsFirstTokenAndUsage() throws Exception {
        first.enqueue(new MockResponse.Builder()
                .code(200)
                .addHeader("content-type", "text/event-stream")
                .body("data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-4o\","
                        + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"hi\"},\"finish_reason\":null}]}\n\n"
                        + "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-4o\","
                        + "\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}],"
                        + "\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":3,\"total_tokens\":15}}\n\n"
                        + "data: [DONE]\n\n")
                .build());
        String body = "{\"model\":\"gpt-4o\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";

        HttpResponse<String> response = chat(target(first), body);

        assertEquals(200, response.statusCode());
        assertTrue(response.body().contains("[DONE]"));
        String metrics = server.metrics();
        assertEquals(
                1,
                valueOrZero(
                        metrics,
                        "gen_ai_server_time_to_first_token_seconds_count",
                        OPERATION,
                        "chat",
                        PROVIDER,
                        "openai",
                        MODEL,
                        "gpt-4o"));
        assertEquals(
                12,
                valueOrZero(
                        metrics,
                        "gen_ai_client_token_usage_sum",
                        OPERATION,
                        "chat",
                        PROVIDER,
                        "openai",
                        MODEL,
                        "gpt-4o",
                        "gen_ai_token_type",
                        "input"));
        assertEquals(0, valueOrZero(metrics, "gateway_active_streams", ROUTE, CHAT));
        // 12 input tokens at $2.50 and 3 output tokens at $10 per million
        assertEquals(
                0.00006,
                valueOrZero(metrics, "gateway_cost_usd_total", PROVIDER, "openai", MODEL, "gpt-4o", "gateway_key", ""),
                1e-12);
        JsonNode line = onlyLine();
        assertTrue(line.path("stream").asBoolean());
        assertTrue(line.path("complete").asBoolean());
        assertTrue(line.has("ttft_ms"));
        assertEquals(12, line.path("input_tokens").asInt());
        assertEquals(0.00006, line.path("cost_usd").asDouble(), 1e-12);
        assertNoKeys();
    }

    @Test
    void aFailureIsCountedAsIts5xxAndCostsNothing() throws Exception {
        first.enqueue(failure(500));
        second.enqueue(failure(502));
        String config =
                "{\"strategy\":{\"mode\":\"fallback\"},\"targets\":[" + target(first) + "," + target(second) + "]}";

        HttpResponse<String> response = chat(config, body("gpt-4o"));

        assertEquals(502, response.statusCode());
        assertEquals(
                "0.00000000",
                response.headers().firstValue("x-gateway-cost-usd").orElseThrow());
        String metrics = server.metrics();
        assertEquals(
                1,
                valueOrZero(
                        metrics,
                        "gateway_requests_total",
                        ROUTE,
                        CHAT,
                        PROVIDER,
                        "openai",
                        "status_class",
                        "5xx",
                        "fallback",
                        "true",
                        "gateway_key",
                        ""));
        assertEquals(
                1, valueOrZero(metrics, "gateway_request_duration_seconds_count", ROUTE, CHAT, "status_class", "5xx"));
        assertEquals(
                0,
                valueOrZero(metrics, "gateway_fallbacks_total", ROUTE, CHAT, "target_index", "1"),
                "a" + " failure is no fallback that answered");
        JsonNode line = onlyLine();
        assertEquals(502, line.path("status").asInt());
        assertEquals(0, line.path("cost_usd").asDouble());
        assertNoKeys();
    }

    @Test
    void anUnknownModelHasAnUnknownCostNeverZero() throws Exception {
        first.enqueue(answer("my-local-model", 10, 5));

        HttpResponse<String> response = chat(target(first), body("my-local-model"));

        assertEquals(
                "unknown", response.headers().firstValue("x-gateway-cost-usd").orElseThrow());
        assertEquals("unknown", onlyLine().path("cost_usd").asText());
        assertEquals(
                1,
                valueOrZero(
                        server.metrics(), "gateway_cost_unknown_total", PROVIDER, "openai", MODEL, "my-local-model"));
    }

    @Test
    void answersTheServerGivesItselfAreCounted() throws Exception {
        assertEquals(404, server.post("/nothing-here", "{}").statusCode()); // /v1/... is the proxy
        assertEquals(404, server.get("/some/secret/path").statusCode());

        String metrics = server.metrics();
        assertEquals(
                2,
                valueOrZero(
                        metrics,
                        "gateway_requests_total",
                        ROUTE,
                        "other",
                        PROVIDER,
                        "none",
                        "status_class",
                        "4xx",
                        "fallback",
                        "false",
                        "gateway_key",
                        ""));
        assertFalse(metrics.contains("secret"), "no raw path is a label");
        assertTrue(server.lines().isEmpty(), "the access log is the gateway's calls");
    }

    @Test
    void quietAndWithoutMetricsNothingIsRecorded() throws Exception {
        server.close();
        server = new ObservedServer(Map.of(), "--quiet", "--metrics", "false");
        first.enqueue(answer("gpt-4o", 1, 1));

        HttpResponse<String> response = chat(target(first), body("gpt-4o"));

        assertEquals(200, response.statusCode());
        assertFalse(server.observability().records(), "no listener on the hot path");
        assertTrue(response.headers().firstValue("x-gateway-cost-usd").isEmpty(), "no cost interceptor");
        assertTrue(server.lines().isEmpty());
        assertEquals(404, server.get("/metrics").statusCode());
    }

    @Test
    void anythingLeftToReportToKeepsTheRecorder() throws Exception {
        assertTrue(server.observability().records(), "the defaults: metrics and the access log");
        server.close();
        server = new ObservedServer(
                Map.of(), "--quiet", "--metrics", "false", "--admin-token", "a-long-admin-token-0123");
        assertTrue(server.observability().records(), "the console");
        server.close();
        server = new ObservedServer(
                Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:9"), "--quiet", "--metrics", "false");
        assertTrue(server.observability().records(), "the trace exporter");
    }

    @Test
    void theTextFormatHasTheSameFactsAsWords() throws Exception {
        server.close();
        server = new ObservedServer(Map.of(), "--log-format", "text");
        first.enqueue(failure(503));
        second.enqueue(answer("gpt-4o-mini", 1000, 500));
        String config =
                "{\"strategy\":{\"mode\":\"fallback\"},\"targets\":[" + target(first) + "," + target(second) + "]}";

        chat(config, body("gpt-4o-mini"));

        String line = server.lines().get(0);
        assertTrue(line.contains(" /v1/chat/completions 200 "), line);
        assertTrue(line.contains(" targets=config.targets[0]:openai:503,config.targets[1]:openai:200 "), line);
        assertTrue(line.contains(" provider=openai model=gpt-4o-mini tokens=1000/500 cost=0.00045 "), line);
        assertTrue(line.contains(" fallback=true retries=0"), line);
        assertNoKeys();
    }

    private void assertNoKeys() {
        for (String line : server.lines()) {
            assertFalse(line.contains(CALLER_KEY), line);
            assertFalse(line.contains(PROVIDER_KEY), line);
            assertFalse(line.contains("sk-"), line);
        }
    }
}
