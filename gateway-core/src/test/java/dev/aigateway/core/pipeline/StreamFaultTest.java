package dev.aigateway.core.pipeline;

import static dev.aigateway.core.testing.OpenAiFakes.STREAM_BODY;
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
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Streams that misbehave: before their first event they fail like a request (408 or 502, so that
 * fallback moves on); after it they end with an error event and {@code [DONE]}; the request
 * timeout bounds the wait for the first event and then each gap, or {@code stream_idle_timeout}
 * does.
 */
class StreamFaultTest {
    private final MockWebServer primary = new MockWebServer();
    private final MockWebServer secondary = new MockWebServer();
    private final TestGateway test = new TestGateway();

    @BeforeEach
    void start() throws Exception {
        primary.start();
        secondary.start();
    }

    @AfterEach
    void stop() {
        test.close();
        primary.close();
        secondary.close();
        assertEquals(0, test.upstream.openResponses(), "upstream responses left open");
    }

    private String single(String extra) {
        return "{\"provider\":\"openai\",\"api_key\":\"k\",\"custom_host\":\"" + primary.url("/v1") + "\"" + extra
                + "}";
    }

    private String fallback(String extra) {
        return "{\"strategy\":{\"mode\":\"fallback\"}" + extra + ",\"targets\":["
                + OpenAiFakes.target(primary.url("/v1").toString(), "k1") + ","
                + OpenAiFakes.target(secondary.url("/v1").toString(), "k2") + "]}";
    }

    private static MockResponse.Builder sse() {
        return new MockResponse.Builder().code(200).addHeader("content-type", "text/event-stream");
    }

    private static List<SseEvent> read(GatewayResponse response) throws IOException {
        List<SseEvent> events = new ArrayList<>();
        assertInstanceOf(GatewayResponse.Streaming.class, response)
                .events()
                .writeTo((n, d) -> events.add(new SseEvent(n, d)));
        return events;
    }

    private static JsonNode json(SseEvent event) throws IOException {
        return Json.parse(event.data());
    }

    @Test
    void aSlowFirstEventFallsBackWithinTheTimeout() throws Exception {
        primary.enqueue(sse().body(OpenAiFakes.chunk("late") + "data: [DONE]\n\n")
                .bodyDelay(6, TimeUnit.SECONDS)
                .build());
        secondary.enqueue(OpenAiFakes.stream("ok"));

        long start = System.nanoTime();
        GatewayResponse response = test.chat(fallback(",\"request_timeout\":500"), STREAM_BODY);
        long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        List<SseEvent> events = read(response);

        assertEquals(200, response.status());
        assertEquals("config.targets[1]", response.headers().value("x-portkey-last-used-option-index"));
        assertEquals("ok", json(events.get(0)).at("/choices/0/delta/content").asText());
        assertTrue(waited >= 450 && waited < 3000, "fell back after " + waited + " ms");
        assertEquals(1, primary.getRequestCount());
        assertEquals(1, secondary.getRequestCount());
    }

    @Test
    void aStallAfterTwoChunksEndsWithAnErrorEventOnceTheGapExceedsTheTimeout() throws Exception {
        String two = OpenAiFakes.chunk("a") + OpenAiFakes.chunk("b");
        primary.enqueue(sse().body(two + OpenAiFakes.chunk("c") + "data: [DONE]\n\n")
                .throttleBody(two.length(), 10, TimeUnit.SECONDS)
                .build());

        long start = System.nanoTime();
        List<SseEvent> events = read(test.chat(single(",\"request_timeout\":400"), STREAM_BODY));
        long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertEquals(4, events.size(), events.toString());
        assertEquals("b", json(events.get(1)).at("/choices/0/delta/content").asText());
        assertEquals("stream_error", json(events.get(2)).at("/error/type").asText());
        assertEquals(
                "The openai stream stalled: no event arrived for 400 ms",
                json(events.get(2)).at("/error/message").asText());
        assertTrue(events.get(3).isDone());
        assertTrue(took < 3000, "ended after " + took + " ms");
    }

    @Test
    void streamIdleTimeoutBoundsTheGapsApartFromTheRequestTimeout() throws Exception {
        String one = OpenAiFakes.chunk("a");
        primary.enqueue(sse().body(one + OpenAiFakes.chunk("b") + "data: [DONE]\n\n")
                .throttleBody(one.length(), 10, TimeUnit.SECONDS)
                .build());
        primary.enqueue(sse().body(one + OpenAiFakes.chunk("b") + "data: [DONE]\n\n")
                .throttleBody(one.length(), 700, TimeUnit.MILLISECONDS)
                .build());

        long start = System.nanoTime();
        List<SseEvent> stalled =
                read(test.chat(single(",\"request_timeout\":5000,\"stream_idle_timeout\":300"), STREAM_BODY));
        long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        List<SseEvent> slowButSteady =
                read(test.chat(single(",\"request_timeout\":200,\"stream_idle_timeout\":2000"), STREAM_BODY));

        assertEquals(
                "The openai stream stalled: no event arrived for 300 ms",
                json(stalled.get(1)).at("/error/message").asText());
        assertTrue(took < 3000, "ended after " + took + " ms");
        assertEquals(3, slowButSteady.size(), "each gap within the idle timeout: " + slowButSteady);
        assertTrue(slowButSteady.get(2).isDone());
    }

    @Test
    void aMalformedFirstEventFallsBackAndIsNeverRelayed() throws Exception {
        primary.enqueue(sse().body("data: {\"choices\":[{\"delta\":{\"content\":\"Hel\n\ndata: [DONE]\n\n")
                .build());
        secondary.enqueue(OpenAiFakes.stream("ok"));

        GatewayResponse response = test.chat(fallback(""), STREAM_BODY);
        List<SseEvent> events = read(response);

        assertEquals("config.targets[1]", response.headers().value("x-portkey-last-used-option-index"));
        assertEquals(2, events.size());
        assertEquals("ok", json(events.get(0)).at("/choices/0/delta/content").asText());
    }

    @Test
    void aMalformedEventAfterTheFirstEndsTheStreamWithAnErrorEvent() throws Exception {
        primary.enqueue(
                sse().body(OpenAiFakes.chunk("Hel") + "data: {oops}\n\n" + OpenAiFakes.chunk("lo") + "data: [DONE]\n\n")
                        .build());

        List<SseEvent> events = read(test.chat(single(""), STREAM_BODY));

        assertEquals(3, events.size(), events.toString());
        assertEquals(
                "The openai stream ended early: the upstream sent an event that is not a JSON object",
                json(events.get(1)).at("/error/message").asText());
        assertTrue(events.get(2).isDone());
    }

    @Test
    void aStreamWhoseChoicesAllFinishedIsCompleteWithoutDone() throws Exception {
        primary.enqueue(sse().body(OpenAiFakes.chunk("Hi")
                        + "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-4o\","
                        + "\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n")
                .build());

        List<SseEvent> events = read(test.chat(single(""), STREAM_BODY));

        assertEquals(3, events.size(), events.toString());
        assertEquals("stop", json(events.get(1)).at("/choices/0/finish_reason").asText());
        assertTrue(events.get(2).isDone());
    }

    @Test
    void anErrorTheUpstreamReportsBeforeAnyEventIsAFailedRequest() throws Exception {
        primary.enqueue(sse().body("data: {\"error\":{\"message\":\"overloaded\",\"type\":\"server_error\"}}\n\n")
                .build());
        secondary.enqueue(OpenAiFakes.stream("ok"));

        GatewayResponse alone = test.chat(single(""), STREAM_BODY);
        primary.enqueue(sse().body("data: {\"error\":{\"message\":\"overloaded\",\"type\":\"server_error\"}}\n\n")
                .build());
        GatewayResponse withFallback = test.chat(fallback(""), STREAM_BODY);

        assertEquals(502, alone.status());
        assertEquals("overloaded", TestGateway.json(alone).at("/error/message").asText());
        assertEquals("config.targets[1]", withFallback.headers().value("x-portkey-last-used-option-index"));
        assertEquals(2, read(withFallback).size());
    }

    @Test
    void aConnectionResetAfterTheHeadersIsRetriedLikeAnUnreachableUpstream() throws Exception {
        primary.enqueue(sse().body(OpenAiFakes.chunk("x"))
                .onResponseBody(new SocketEffect.CloseSocket())
                .build());
        primary.enqueue(OpenAiFakes.stream("ok"));

        GatewayResponse response =
                test.chat(single(",\"retry\":{\"attempts\":1,\"on_status_codes\":[429]}"), STREAM_BODY);

        assertEquals(200, response.status());
        assertEquals("1", response.headers().value("x-portkey-retry-attempt-count"));
        assertEquals(2, read(response).size());
    }
}
