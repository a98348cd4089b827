package dev.aigateway.core.routing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aigateway.core.Endpoint;
import dev.aigateway.core.GatewayRequest;
import dev.aigateway.core.GatewayResponse;
import dev.aigateway.core.internal.Json;
import dev.aigateway.core.stream.SseEvent;
import dev.aigateway.core.testing.FakeRandom;
import dev.aigateway.core.testing.OpenAiFakes;
import dev.aigateway.core.testing.TestGateway;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
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
 * Routing on {@code /v1/messages} and {@code /v1/responses} works as on chat completions:
 * fallback across wire formats (answers, streams and errors in the route's own shape), retries,
 * load balancing, conditions, timeouts and the {@code x-portkey-*} headers; a provider that does
 * not serve a route, or cannot honour what the request asks, is refused before any upstream call.
 */
class MessagesAndResponsesRoutingTest {
    private static final String MESSAGES_BODY =
            "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":100,\"unknown_field\":{\"kept\":true},"
                    + "\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"Hi\","
                    + "\"cache_control\":{\"type\":\"ephemeral\"}}]}]}";
    private static final String ANTHROPIC_ANSWER =
            "{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude-sonnet-4-5\","
                    + "\"content\":[{\"type\":\"text\",\"text\":\"from claude\"}],\"stop_reason\":\"end_turn\","
                    + "\"stop_sequence\":null,\"usage\":{\"input_tokens\":5,\"output_tokens\":2}}";

    private final MockWebServer first = new MockWebServer();
    private final MockWebServer second = new MockWebServer();
    private TestGateway test = new TestGateway();

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

    @Test
    void messagesFallBackFromAnthropicToGpt4oInAnthropicsShape() throws Exception {
        first.enqueue(anthropicOverloaded());
        second.enqueue(OpenAiFakes.ok("from gpt-4o"));

        GatewayResponse response = send(Endpoint.MESSAGES, anthropicThenOpenAi(), MESSAGES_BODY);

        assertEquals(200, response.status());
        assertEquals("openai", response.headers().value("x-portkey-provider"));
        assertEquals("config.targets[1]", response.headers().value("x-portkey-last-used-option-index"));
        JsonNode answer = TestGateway.json(response);
        assertEquals("message", answer.path("type").asText());
        assertEquals("from gpt-4o", answer.at("/content/0/text").asText());
        assertEquals("end_turn", answer.path("stop_reason").asText());
        assertEquals(3, answer.at("/usage/input_tokens").asInt());
        RecordedRequest toAnthropic = first.takeRequest(1, TimeUnit.SECONDS);
        assertEquals("/v1/messages", toAnthropic.getTarget());
        assertArrayEquals(
                MESSAGES_BODY.getBytes(StandardCharsets.UTF_8),
                toAnthropic.getBody().toByteArray(),
                "anthropic gets the caller's bytes");
        RecordedRequest toOpenAi = second.takeRequest(1, TimeUnit.SECONDS);
        assertEquals("/v1/chat/completions", toOpenAi.getTarget());
        assertEquals(
                Json.parse("{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":"
                        + "[{\"type\":\"text\",\"text\":\"Hi\"}]}],\"max_completion_tokens\":100}"),
                Json.parse(toOpenAi.getBody().utf8()));
    }

    @Test
    void messagesStreamFallsBackToAnOpenAiStreamInAnthropicsEvents() throws Exception {
        first.enqueue(anthropicOverloaded());
        second.enqueue(OpenAiFakes.stream("Hel", "lo"));

        GatewayResponse response = send(Endpoint.MESSAGES, anthropicThenOpenAi(), streaming(MESSAGES_BODY));

        List<SseEvent> events = events(response);
        List<String> names = events.stream().map(SseEvent::event).toList();
        assertEquals(
                List.of(
                        "message_start",
                        "content_block_start",
                        "content_block_delta",
                        "content_block_delta",
                        "content_block_stop",
                        "message_delta",
                        "message_stop"),
                names);
        assertEquals("lo", events.get(3).json().at("/delta/text").asText());
        JsonNode chat =
                Json.parse(second.takeRequest(1, TimeUnit.SECONDS).getBody().utf8());
        assertTrue(chat.at("/stream_options/include_usage").asBoolean(), "usage asked for message_delta");
    }

    @Test
    void anUpstreamErrorOnMessagesIsInAnthropicsShape() throws Exception {
        first.enqueue(OpenAiFakes.error(429, "slow down"));

        GatewayResponse response = send(
                Endpoint.MESSAGES,
                "{\"provider\":\"openai\",\"api_key\":\"k\",\"custom_host\":\"" + first.url("/v1") + "\"}",
                MESSAGES_BODY);

        assertEquals(429, response.status());
        assertEquals(
                Json.parse("{\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\","
                        + "\"message\":\"openai error: slow down\"}}"),
                TestGateway.json(response));
    }

    @Test
    void messagesAreRetriedAsChatIs() throws Exception {
        first.enqueue(anthropicOverloaded());
        first.enqueue(anthropicOverloaded());
        first.enqueue(new MockResponse.Builder()
                .code(200)
                .addHeader("content-type", "application/json")
                .body(ANTHROPIC_ANSWER)
                .build());

        GatewayResponse response = send(
                Endpoint.MESSAGES,
                "{\"retry\":{\"attempts\":3,\"on_status_codes\":[529]},\"provider\":\"anthropic\","
                        + "\"api_key\":\"a\",\"custom_host\":\"" + first.url("/v1") + "\"}",
                MESSAGES_BODY);

        assertEquals(200, response.status());
        assertEquals(ANTHROPIC_ANSWER, TestGateway.text(response), "relayed byte for byte");
        assertEquals("2", response.headers().value("x-portkey-retry-attempt-count"));
        assertEquals(2, test.sleeper.delays().size());
    }

    @Test
    void responsesAreLoadBalancedAndRoutedOnConditions() throws Exception {
        test.close();
        test = new TestGateway(new FakeRandom(0.9));
        second.enqueue(OpenAiFakes.ok("from groq"));
        String balanced = "{\"strategy\":{\"mode\":\"loadbalance\"},\"targets\":["
                + "{\"provider\":\"openai\",\"api_key\":\"o\",\"weight\":1,\"custom_host\":\"" + first.url("/v1")
                + "\"},"
                + "{\"provider\":\"groq\",\"api_key\":\"g\",\"weight\":1,\"custom_host\":\"" + second.url("/openai/v1")
                + "\"}]}";

        GatewayResponse response = send(Endpoint.RESPONSES, balanced, "{\"model\":\"m\",\"input\":\"Hi\"}");

        assertEquals("config.targets[1]", response.headers().value("x-portkey-last-used-option-index"));
        JsonNode answer = TestGateway.json(response);
        assertEquals("response", answer.path("object").asText());
        assertEquals("from groq", answer.at("/output/0/content/0/text").asText());

        String conditional = "{\"strategy\":{\"mode\":\"conditional\",\"conditions\":[{\"query\":"
                + "{\"metadata.tier\":{\"$eq\":\"pro\"}},\"then\":\"pro\"}],\"default\":\"free\"},\"targets\":["
                + "{\"name\":\"pro\",\"provider\":\"openai\",\"api_key\":\"o\",\"custom_host\":\"" + first.url("/v1")
                + "\"},{\"name\":\"free\",\"provider\":\"groq\",\"api_key\":\"g\",\"custom_host\":\""
                + second.url("/openai/v1") + "\"}]}";
        first.enqueue(new MockResponse.Builder()
                .code(200)
                .addHeader("content-type", "application/json")
                .body("{\"id\":\"resp_1\",\"object\":\"response\",\"output\":[]}")
                .build());
        GatewayResponse pro = test.gateway.handle(GatewayRequest.builder(Endpoint.RESPONSES)
                .config(conditional)
                .header("x-portkey-metadata", "{\"tier\":\"pro\"}")
                .body("{\"model\":\"m\",\"input\":\"Hi\"}")
                .build());
        assertEquals("config.targets[0]", pro.headers().value("x-portkey-last-used-option-index"));
        assertEquals("{\"id\":\"resp_1\",\"object\":\"response\",\"output\":[]}", TestGateway.text(pro));
        assertEquals("/v1/responses", first.takeRequest(1, TimeUnit.SECONDS).getTarget());
        assertEquals(1, first.getRequestCount(), "the balanced call went to groq");
    }

    @Test
    void aTimeoutOnMessagesIs408InAnthropicsShape() {
        first.enqueue(new MockResponse.Builder()
                .headersDelay(5, TimeUnit.SECONDS)
                .body("{}")
                .build());
        long start = System.nanoTime();

        GatewayResponse response = send(
                Endpoint.MESSAGES,
                "{\"provider\":\"anthropic\",\"api_key\":\"a\",\"request_timeout\":200,\"custom_host\":\""
                        + first.url("/v1") + "\"}",
                MESSAGES_BODY);

        assertEquals(408, response.status());
        assertEquals(
                "{\"type\":\"error\",\"error\":{\"type\":\"timeout_error\","
                        + "\"message\":\"Request exceeded the timeout sent in the request: 200ms\"}}",
                TestGateway.text(response));
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() < 3000, "cut short by the timeout");
    }

    @Test
    void aProviderWithoutTheRouteIsRefusedInTheRoutesShapeBeforeAnyCall() throws Exception {
        GatewayResponse response = send(
                Endpoint.MESSAGES_COUNT_TOKENS,
                "{\"provider\":\"openai\",\"api_key\":\"k\",\"custom_host\":\"" + first.url("/v1") + "\"}",
                MESSAGES_BODY);

        assertEquals(400, response.status());
        assertEquals("true", response.headers().value("x-portkey-gateway-exception"));
        assertEquals(
                "{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\","
                        + "\"message\":\"messagesCountTokens is not supported by openai\"}}",
                TestGateway.text(response));
        assertEquals(0, first.getRequestCount());
    }

    @Test
    void whatOnlyAStoringProviderCanHonourIsA400NeverDropped() throws Exception {
        String google = "{\"provider\":\"google\",\"api_key\":\"g\",\"custom_host\":\"" + first.url("") + "\"}";
        String anthropic =
                "{\"provider\":\"anthropic\",\"api_key\":\"a\",\"custom_host\":\"" + first.url("/v1") + "\"}";

        GatewayResponse previous = send(
                Endpoint.RESPONSES,
                google,
                "{\"model\":\"gemini-2.5-flash\",\"input\":\"Hi\",\"previous_response_id\":\"resp_1\"}");
        GatewayResponse store =
                send(Endpoint.RESPONSES, anthropic, "{\"model\":\"claude\",\"input\":\"Hi\",\"store\":true}");
        GatewayResponse hostedTool = send(
                Endpoint.RESPONSES, google, "{\"model\":\"g\",\"input\":\"Hi\",\"tools\":[{\"type\":\"web_search\"}]}");
        GatewayResponse serverTool = send(
                Endpoint.MESSAGES,
                google,
                "{\"model\":\"g\",\"max_tokens\":10,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}],"
                        + "\"tools\":[{\"type\":\"web_search_20250305\",\"name\":\"web_search\"}]}");

        assertEquals(400, previous.status());
        assertEquals("true", previous.headers().value("x-portkey-gateway-exception"));
        assertEquals(
                "previous_response_id needs a provider that stores responses (openai, azure-openai); google cannot"
                        + " honour it: send the earlier turns in input instead",
                TestGateway.json(previous).path("message").asText());
        assertEquals(400, store.status());
        assertTrue(TestGateway.json(store).path("message").asText().startsWith("store: true needs a provider"));
        assertEquals(400, hostedTool.status());
        assertTrue(TestGateway.json(hostedTool).path("message").asText().contains("'web_search'"));
        assertEquals(400, serverTool.status());
        assertEquals(
                "invalid_request_error",
                TestGateway.json(serverTool).at("/error/type").asText());
        assertEquals(0, first.getRequestCount(), "refused before any upstream call");
    }

    @Test
    void previousResponseIdReachesOpenAiAsSent() throws Exception {
        first.enqueue(new MockResponse.Builder()
                .code(200)
                .addHeader("content-type", "application/json")
                .body("{\"id\":\"resp_2\",\"object\":\"response\",\"output\":[]}")
                .build());
        String body =
                "{\"model\":\"gpt-4.1\",\"input\":\"And then?\",\"previous_response_id\":\"resp_1\",\"store\":true}";

        GatewayResponse response = send(
                Endpoint.RESPONSES,
                "{\"provider\":\"openai\",\"api_key\":\"k\",\"custom_host\":\"" + first.url("/v1") + "\"}",
                body);

        assertEquals(200, response.status());
        RecordedRequest sent = first.takeRequest(1, TimeUnit.SECONDS);
        assertEquals("/v1/responses", sent.getTarget());
        assertEquals(body, sent.getBody().utf8());
        assertNull(response.headers().value("x-portkey-gateway-exception"));
    }

    private GatewayResponse send(Endpoint endpoint, String config, String body) {
        return test.gateway.handle(
                GatewayRequest.builder(endpoint).config(config).body(body).build());
    }

    private String anthropicThenOpenAi() {
        return "{\"strategy\":{\"mode\":\"fallback\"},\"targets\":["
                + "{\"provider\":\"anthropic\",\"api_key\":\"a\",\"custom_host\":\"" + first.url("/v1") + "\"},"
                + "{\"provider\":\"openai\",\"api_key\":\"o\",\"custom_host\":\"" + second.url("/v1")
                + "\",\"override_params\":{\"model\":\"gpt-4o\"}}]}";
    }

    private static String streaming(String body) {
        return body.substring(0, body.length() - 1) + ",\"stream\":true}";
    }

    private static MockResponse anthropicOverloaded() {
        return new MockResponse.Builder()
                .code(529)
                .addHeader("content-type", "application/json")
                .body("{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}")
                .build();
    }

    private static List<SseEvent> events(GatewayResponse response) throws IOException {
        GatewayResponse.Streaming streaming = assertInstanceOf(GatewayResponse.Streaming.class, response);
        List<SseEvent> events = new ArrayList<>();
        streaming.events().writeTo((name, data) -> events.add(new SseEvent(name, data)));
        return events;
    }
}
