package dev.aigateway.core.pipeline;

import static dev.aigateway.core.testing.OpenAiFakes.STREAM_BODY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StreamingTest {
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

    private String config(String extra) {
        return "{\"provider\":\"openai\",\"api_key\":\"k\",\"custom_host\":\"" + server.url("/v1") + "\"" + extra + "}";
    }

    private static List<SseEvent> read(GatewayResponse response) throws IOException {
        List<SseEvent> events = new ArrayList<>();
        assertInstanceOf(GatewayResponse.Streaming.class, response)
                .events()
                .writeTo((n, d) -> events.add(new SseEvent(n, d)));
        return events;
    }

    @Test
    void openAiChunksAreRelayedVerbatim() throws Exception {
        server.enqueue(OpenAiFakes.stream("Hel", "lo"));

        GatewayResponse response = test.chat(config(""), STREAM_BODY);

        List<SseEvent> events = read(response);
        assertEquals(200, response.status());
        assertEquals("text/event-stream", response.headers().value("content-type"));
        assertEquals(
                OpenAiFakes.chunk("Hel").substring(6).strip(), events.get(0).data());
        assertEquals(3, events.size());
        assertTrue(events.get(2).isDone());
    }

    @Test
    void aStreamCutMidwayEndsWithAnErrorEventAndDone() throws Exception {
        server.enqueue(new MockResponse.Builder()
                .code(200)
                .addHeader("content-type", "text/event-stream")
                .body(OpenAiFakes.chunk("partial"))
                .build());

        List<SseEvent> events = read(test.chat(config(""), STREAM_BODY));

        assertEquals(3, events.size());
        assertEquals(
                "partial",
                Json.parse(events.get(0).data()).at("/choices/0/delta/content").asText());
        assertEquals(
                "stream_error",
                Json.parse(events.get(1).data()).at("/error/type").asText());
        assertEquals(
                "The openai stream ended early: the upstream stream ended without [DONE]",
                Json.parse(events.get(1).data()).at("/error/message").asText());
        assertTrue(events.get(2).isDone());
    }

    @Test
    void aConnectionDroppedMidwayEndsWithAnErrorEvent() throws Exception {
        server.enqueue(new MockResponse.Builder()
                .code(200)
                .addHeader("content-type", "text/event-stream")
                .body(OpenAiFakes.chunk("a") + OpenAiFakes.chunk("b") + "data: [DONE]\n\n")
                .onResponseBody(new SocketEffect.CloseSocket())
                .build());

        List<SseEvent> events = read(test.chat(config(""), STREAM_BODY));

        SseEvent error = events.get(events.size() - 2);
        assertEquals("stream_error", Json.parse(error.data()).at("/error/type").asText());
        assertTrue(events.get(events.size() - 1).isDone());
    }

    @Test
    void errorsBeforeTheFirstByteAreJsonSoFallbackAndRetryApply() throws Exception {
        server.enqueue(OpenAiFakes.error(503, "down"));
        server.enqueue(OpenAiFakes.stream("ok"));

        GatewayResponse response = test.chat(config(",\"retry\":{\"attempts\":1}"), STREAM_BODY);

        assertEquals(200, response.status());
        assertEquals("1", response.headers().value("x-portkey-retry-attempt-count"));
        assertEquals(2, read(response).size());
    }

    @Test
    void theTimeoutCoversTheWaitForTheFirstEventThenEachGapNotTheWholeStream() throws Exception {
        String first = OpenAiFakes.chunk("a");
        server.enqueue(new MockResponse.Builder()
                .code(200)
                .addHeader("content-type", "text/event-stream")
                .body(first + OpenAiFakes.chunk("b") + OpenAiFakes.chunk("c") + "data: [DONE]\n\n")
                .throttleBody(first.length(), 250, TimeUnit.MILLISECONDS)
                .build());
        server.enqueue(new MockResponse.Builder()
                .code(200)
                .addHeader("content-type", "text/event-stream")
                .body(OpenAiFakes.chunk("slow") + "data: [DONE]\n\n")
                .bodyDelay(4, TimeUnit.SECONDS)
                .build());

        GatewayResponse paced = test.chat(config(",\"request_timeout\":600"), STREAM_BODY);
        List<SseEvent> events = read(paced);
        long start = System.nanoTime();
        GatewayResponse slowFirstEvent = test.chat(config(",\"request_timeout\":300"), STREAM_BODY);
        long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertEquals(200, paced.status());
        assertEquals(4, events.size(), "gaps under the timeout, the whole stream over it: " + events);
        assertTrue(events.get(3).isDone());
        assertEquals(408, slowFirstEvent.status(), "no event within the timeout: a failed request");
        assertEquals(
                "timeout_error",
                TestGateway.json(slowFirstEvent).at("/error/type").asText());
        // 300 ms asked, the first event 4 s away: far under 4 s, with room for a loaded machine.
        assertTrue(waited < 3000, "answered after " + waited + " ms");
    }
}
