package dev.aigateway.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aigateway.core.internal.Json;
import dev.aigateway.core.stream.SseEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** gateway-core used directly in an application, with no server: the Gemini → GPT-4o fallback. */
class EmbeddedGatewayTest {
    private final MockWebServer gemini = new MockWebServer();
    private final MockWebServer openai = new MockWebServer();
    private final Gateway gateway = Gateway.builder().sleeper(d -> {}).build();

    @BeforeEach
    void start() throws Exception {
        gemini.start();
        openai.start();
    }

    @AfterEach
    void stop() {
        gateway.close();
        gemini.close();
        openai.close();
    }

    private String config() {
        return "{\"strategy\":{\"mode\":\"fallback\"},\"targets\":["
                + "{\"provider\":\"google\",\"api_key\":\"bad-key\",\"custom_host\":\"" + gemini.url("") + "\"},"
                + "{\"provider\":\"openai\",\"api_key\":\"sk-1\",\"override_params\":{\"model\":\"gpt-4o\"},"
                + "\"custom_host\":\"" + openai.url("/v1") + "\"}]}";
    }

    private static MockResponse geminiRejectsTheKey() {
        return new MockResponse.Builder()
                .code(400)
                .addHeader("content-type", "application/json")
                .body("{\"error\":{\"code\":400,\"message\":\"API key not valid. Please pass a valid API key.\","
                        + "\"status\":\"INVALID_ARGUMENT\"}}")
                .build();
    }

    @Test
    void fallsBackFromGeminiToGpt4oWithoutAServer() throws Exception {
        gemini.enqueue(geminiRejectsTheKey());
        openai.enqueue(new MockResponse.Builder()
                .code(200)
                .addHeader("content-type", "application/json")
                .body(
                        "{\"id\":\"c\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"gpt-4o\",\"choices\":[{\"index\":0,"
                                + "\"message\":{\"role\":\"assistant\",\"content\":\"I am GPT-4o.\"},\"finish_reason\":\"stop\"}]}")
                .build());

        GatewayResponse response = gateway.handle(GatewayRequest.builder(Endpoint.CHAT_COMPLETE)
                .config(config())
                .body(
                        "{\"model\":\"gemini-1.5-flash-latest\",\"messages\":[{\"role\":\"user\",\"content\":\"Are you an OpenAI model?\"}]}")
                .build());

        GatewayResponse.Complete complete = assertInstanceOf(GatewayResponse.Complete.class, response);
        JsonNode answer = Json.parse(complete.body());
        assertEquals(200, response.status());
        assertEquals("I am GPT-4o.", answer.at("/choices/0/message/content").asText());
        assertEquals("config.targets[1]", response.headers().value("x-portkey-last-used-option-index"));
        RecordedRequest toGemini = gemini.takeRequest(1, TimeUnit.SECONDS);
        assertEquals("/v1beta/models/gemini-1.5-flash-latest:generateContent", toGemini.getTarget());
        assertEquals("bad-key", toGemini.getHeaders().get("x-goog-api-key"));
        assertEquals(
                "gpt-4o",
                Json.parse(openai.takeRequest(1, TimeUnit.SECONDS).getBody().utf8())
                        .path("model")
                        .asText());
    }

    @Test
    void streamsAreReadEventByEvent() throws Exception {
        gemini.enqueue(geminiRejectsTheKey());
        openai.enqueue(new MockResponse.Builder()
                .code(200)
                .addHeader("content-type", "text/event-stream")
                .body(
                        "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"I am\"}}]}\n\n"
                                + "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\" GPT-4o.\"},"
                                + "\"finish_reason\":\"stop\"}]}\n\ndata: [DONE]\n\n")
                .build());

        GatewayResponse response = gateway.handle(GatewayRequest.builder(Endpoint.CHAT_COMPLETE)
                .config(config())
                .body(
                        "{\"model\":\"gemini-1.5-flash-latest\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}")
                .build());

        GatewayResponse.Streaming streaming = assertInstanceOf(GatewayResponse.Streaming.class, response);
        List<SseEvent> events = new ArrayList<>();
        streaming.events().writeTo((name, data) -> events.add(new SseEvent(name, data)));
        assertEquals("text/event-stream", response.headers().value("content-type"));
        assertEquals("config.targets[1]", response.headers().value("x-portkey-last-used-option-index"));
        assertEquals(3, events.size());
        assertTrue(events.get(2).isDone());
    }
}
