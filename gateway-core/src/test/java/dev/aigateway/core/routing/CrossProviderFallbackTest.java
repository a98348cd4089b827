package dev.aigateway.core.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aigateway.core.GatewayResponse;
import dev.aigateway.core.internal.Json;
import dev.aigateway.core.stream.SseEvent;
import dev.aigateway.core.testing.OpenAiFakes;
import dev.aigateway.core.testing.TestGateway;
import java.io.IOException;
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
 * Fallback across wire formats, complete and streaming: from Anthropic to an OpenAI-compatible
 * provider (Groq), and from Azure OpenAI to Anthropic. The second target gets the caller's OpenAI
 * request translated for itself, never the first target's translation.
 */
class CrossProviderFallbackTest {
    private static final String BODY =
            "{\"model\":\"m\",\"messages\":[{\"role\":\"developer\",\"content\":\"Be brief.\"},"
                    + "{\"role\":\"user\",\"content\":\"Hi\"}],\"max_completion_tokens\":50}";
    private static final String STREAM_BODY = BODY.substring(0, BODY.length() - 1) + ",\"stream\":true}";

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

    @Test
    void anthropicOverloadedFallsBackToGroq() throws Exception {
        first.enqueue(anthropicOverloaded());
        second.enqueue(OpenAiFakes.ok("from-groq"));

        GatewayResponse response = test.chat(anthropicThenGroq(), BODY);

        assertEquals(200, response.status());
        JsonNode answer = TestGateway.json(response);
        assertEquals("from-groq", answer.at("/choices/0/message/content").asText());
        assertEquals("groq", answer.path("provider").asText());
        assertEquals("groq", response.headers().value("x-portkey-provider"));
        assertEquals("config.targets[1]", response.headers().value("x-portkey-last-used-option-index"));
        RecordedRequest toAnthropic = first.takeRequest(1, TimeUnit.SECONDS);
        assertEquals("/v1/messages", toAnthropic.getTarget());
        assertEquals("anthropic-key", toAnthropic.getHeaders().get("x-api-key"));
        RecordedRequest toGroq = second.takeRequest(1, TimeUnit.SECONDS);
        assertEquals("/openai/v1/chat/completions", toGroq.getTarget());
        assertEquals("Bearer groq-key", toGroq.getHeaders().get("authorization"));
        assertEquals(
                Json.parse("{\"model\":\"m\",\"messages\":[{\"role\":\"system\",\"content\":\"Be brief.\"},"
                        + "{\"role\":\"user\",\"content\":\"Hi\"}],\"max_completion_tokens\":50}"),
                Json.parse(toGroq.getBody().utf8()));
    }

    @Test
    void anthropicOverloadedFallsBackToAGroqStream() throws Exception {
        first.enqueue(anthropicOverloaded());
        second.enqueue(OpenAiFakes.stream("Hel", "lo"));

        GatewayResponse response = test.chat(anthropicThenGroq(), STREAM_BODY);

        assertEquals("config.targets[1]", response.headers().value("x-portkey-last-used-option-index"));
        List<SseEvent> events = events(response);
        assertEquals("[DONE]", events.get(events.size() - 1).data());
        StringBuilder content = new StringBuilder();
        for (SseEvent event : events.subList(0, events.size() - 1)) {
            JsonNode chunk = Json.parse(event.data());
            assertEquals("groq", chunk.path("provider").asText());
            content.append(chunk.at("/choices/0/delta/content").asText(""));
        }
        assertEquals("Hello", content.toString());
        assertTrue(Json.parse(second.takeRequest(1, TimeUnit.SECONDS).getBody().utf8())
                .path("stream")
                .asBoolean());
    }

    @Test
    void azureRateLimitedFallsBackToAnthropic() throws Exception {
        first.enqueue(azureRateLimited());
        second.enqueue(new MockResponse.Builder()
                .code(200)
                .addHeader("content-type", "application/json")
                .body("{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude-sonnet-4-5\","
                        + "\"content\":[{\"type\":\"text\",\"text\":\"from-anthropic\"}],\"stop_reason\":\"max_tokens\","
                        + "\"stop_sequence\":null,\"usage\":{\"input_tokens\":7,\"output_tokens\":50}}")
                .build());

        GatewayResponse response = test.chat(azureThenAnthropic(), BODY);

        assertEquals(200, response.status());
        JsonNode answer = TestGateway.json(response);
        assertEquals("chat.completion", answer.path("object").asText());
        assertEquals("from-anthropic", answer.at("/choices/0/message/content").asText());
        assertEquals("length", answer.at("/choices/0/finish_reason").asText());
        assertEquals(57, answer.at("/usage/total_tokens").asInt());
        assertEquals("anthropic", response.headers().value("x-portkey-provider"));
        RecordedRequest toAzure = first.takeRequest(1, TimeUnit.SECONDS);
        assertEquals("/openai/deployments/gpt-4o-prod/chat/completions?api-version=2024-10-21", toAzure.getTarget());
        assertEquals("azure-key", toAzure.getHeaders().get("api-key"));
        assertEquals(BODY, toAzure.getBody().utf8(), "Azure gets the caller's bytes");
        JsonNode toAnthropic =
                Json.parse(second.takeRequest(1, TimeUnit.SECONDS).getBody().utf8());
        assertEquals("Be brief.", toAnthropic.at("/system/0/text").asText());
        assertEquals(50, toAnthropic.path("max_tokens").asInt());
    }

    @Test
    void azureRateLimitedFallsBackToAnAnthropicStream() throws Exception {
        first.enqueue(azureRateLimited());
        second.enqueue(new MockResponse.Builder()
                .code(200)
                .addHeader("content-type", "text/event-stream")
                .chunkedBody(
                        anthropicEvent(
                                        "message_start",
                                        "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_2\",\"type\":\"message\",\"role\":\"assistant\","
                                                + "\"content\":[],\"model\":\"claude-sonnet-4-5\",\"usage\":{\"input_tokens\":7,\"output_tokens\":1}}}")
                                + anthropicEvent(
                                        "content_block_start",
                                        "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}")
                                + anthropicEvent(
                                        "content_block_delta",
                                        "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"Hi there\"}}")
                                + anthropicEvent("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}")
                                + anthropicEvent(
                                        "message_delta",
                                        "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\"},\"usage\":{\"output_tokens\":2}}")
                                + anthropicEvent("message_stop", "{\"type\":\"message_stop\"}"),
                        40)
                .build());

        GatewayResponse response = test.chat(azureThenAnthropic(), STREAM_BODY);

        assertEquals("anthropic", response.headers().value("x-portkey-provider"));
        List<SseEvent> events = events(response);
        assertEquals("[DONE]", events.get(events.size() - 1).data());
        StringBuilder content = new StringBuilder();
        String finishReason = null;
        for (SseEvent event : events.subList(0, events.size() - 1)) {
            JsonNode chunk = Json.parse(event.data());
            assertEquals("chat.completion.chunk", chunk.path("object").asText());
            content.append(chunk.at("/choices/0/delta/content").asText(""));
            if (chunk.at("/choices/0/finish_reason").isTextual()) {
                finishReason = chunk.at("/choices/0/finish_reason").asText();
            }
        }
        assertEquals("Hi there", content.toString());
        assertEquals("stop", finishReason);
    }

    private String anthropicThenGroq() {
        return "{\"strategy\":{\"mode\":\"fallback\"},\"targets\":["
                + "{\"provider\":\"anthropic\",\"api_key\":\"anthropic-key\",\"custom_host\":\"" + host(first, "/v1")
                + "\"},"
                + "{\"provider\":\"groq\",\"api_key\":\"groq-key\",\"custom_host\":\"" + host(second, "/openai/v1")
                + "\"}]}";
    }

    private String azureThenAnthropic() {
        return "{\"strategy\":{\"mode\":\"fallback\"},\"targets\":["
                + "{\"provider\":\"azure-openai\",\"api_key\":\"azure-key\",\"custom_host\":\"" + host(first, "/openai")
                + "\",\"deployment_id\":\"gpt-4o-prod\",\"api_version\":\"2024-10-21\"},"
                + "{\"provider\":\"anthropic\",\"api_key\":\"anthropic-key\",\"custom_host\":\"" + host(second, "/v1")
                + "\",\"override_params\":{\"model\":\"claude-sonnet-4-5\"}}]}";
    }

    private static String host(MockWebServer server, String path) {
        return server.url(path).toString();
    }

    private static MockResponse anthropicOverloaded() {
        return new MockResponse.Builder()
                .code(529)
                .addHeader("content-type", "application/json")
                .body("{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}")
                .build();
    }

    private static MockResponse azureRateLimited() {
        return new MockResponse.Builder()
                .code(429)
                .addHeader("content-type", "application/json")
                .addHeader("retry-after", "6")
                .body("{\"error\":{\"code\":\"429\",\"message\":\"Rate limit is exceeded. Try again in 6 seconds.\"}}")
                .build();
    }

    private static String anthropicEvent(String name, String data) {
        return "event: " + name + "\ndata: " + data + "\n\n";
    }

    private static List<SseEvent> events(GatewayResponse response) throws IOException {
        GatewayResponse.Streaming streaming = assertInstanceOf(GatewayResponse.Streaming.class, response);
        List<SseEvent> events = new ArrayList<>();
        streaming.events().writeTo((name, data) -> events.add(new SseEvent(name, data)));
        return events;
    }
}
