package dev.aigateway.core.routing;

import static dev.aigateway.core.testing.OpenAiFakes.CHAT_BODY;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code strategy.hedge_after_ms}: a fallback that starts the next target when the current one has
 * not sent its first event in time, and keeps the first answer.
 */
class HedgingTest {
    private final MockWebServer primary = new MockWebServer();
    private final MockWebServer secondary = new MockWebServer();
    private final TestGateway test = new TestGateway();

    @BeforeEach
    void start() throws Exception {
        primary.start();
        secondary.start();
    }

    @AfterEach
    void stop() throws Exception {
        test.close();
        primary.close();
        secondary.close();
        assertEquals(0, test.upstream.openResponses(), "upstream responses left open");
    }

    private String config(long hedgeAfterMillis) {
        return "{\"strategy\":{\"mode\":\"fallback\",\"hedge_after_ms\":" + hedgeAfterMillis + "},\"targets\":["
                + OpenAiFakes.target(primary.url("/v1").toString(), "k1") + ","
                + OpenAiFakes.target(secondary.url("/v1").toString(), "k2") + "]}";
    }

    private static MockResponse slowStream(String content, long delayMillis) {
        return new MockResponse.Builder()
                .code(200)
                .addHeader("content-type", "text/event-stream")
                .body(OpenAiFakes.chunk(content) + "data: [DONE]\n\n")
                .bodyDelay(delayMillis, TimeUnit.MILLISECONDS)
                .build();
    }

    private static String firstContent(GatewayResponse response) throws IOException {
        List<SseEvent> events = new ArrayList<>();
        assertInstanceOf(GatewayResponse.Streaming.class, response)
                .events()
                .writeTo((n, d) -> events.add(new SseEvent(n, d)));
        assertTrue(events.get(events.size() - 1).isDone());
        return Json.parse(events.get(0).data()).at("/choices/0/delta/content").asText();
    }

    private static long millisSince(long start) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }

    @Test
    void aSlowFirstTargetIsHedgedAndTheFasterAnswerWins() throws Exception {
        primary.enqueue(slowStream("slow", 3000));
        secondary.enqueue(OpenAiFakes.stream("fast"));

        long start = System.nanoTime();
        GatewayResponse response = test.chat(config(200), STREAM_BODY);
        long took = millisSince(start);

        assertEquals("fast", firstContent(response));
        assertEquals("config.targets[1]", response.headers().value("x-portkey-last-used-option-index"));
        assertTrue(took >= 150 && took < 2000, "answered after " + took + " ms");
        assertEquals(1, primary.getRequestCount());
        assertEquals(1, secondary.getRequestCount());
    }

    @Test
    void aFirstTargetThatAnswersInTimeIsNotHedged() throws Exception {
        primary.enqueue(OpenAiFakes.stream("first"));

        GatewayResponse response = test.chat(config(1000), STREAM_BODY);

        assertEquals("first", firstContent(response));
        assertEquals("config.targets[0]", response.headers().value("x-portkey-last-used-option-index"));
        assertEquals(0, secondary.getRequestCount());
    }

    @Test
    void theFirstTargetStillWinsWhenItAnswersBeforeTheHedge() throws Exception {
        primary.enqueue(slowStream("first", 400));
        secondary.enqueue(slowStream("second", 3000));

        GatewayResponse response = test.chat(config(100), STREAM_BODY);

        assertEquals("first", firstContent(response));
        assertEquals("config.targets[0]", response.headers().value("x-portkey-last-used-option-index"));
        assertEquals(1, secondary.getRequestCount(), "the hedge was started, then cancelled");
    }

    @Test
    void aFailureMovesOnAtOnceAsAFallbackDoes() throws Exception {
        primary.enqueue(OpenAiFakes.error(500, "down"));
        secondary.enqueue(OpenAiFakes.ok("fallback"));

        long start = System.nanoTime();
        GatewayResponse response = test.chat(config(5000), CHAT_BODY);

        assertEquals(200, response.status());
        assertEquals("config.targets[1]", response.headers().value("x-portkey-last-used-option-index"));
        assertTrue(millisSince(start) < 2000, "no wait for the hedge timer after a failure");
    }

    @Test
    void completeAnswersAreHedgedToo() throws Exception {
        primary.enqueue(new MockResponse.Builder()
                .headersDelay(3, TimeUnit.SECONDS)
                .addHeader("content-type", "application/json")
                .body(OpenAiFakes.completion("slow"))
                .build());
        secondary.enqueue(OpenAiFakes.ok("fast"));

        GatewayResponse response = test.chat(config(150), CHAT_BODY);

        assertEquals(200, response.status());
        assertEquals(
                "fast",
                TestGateway.json(response).at("/choices/0/message/content").asText());
    }

    @Test
    void whenEveryTargetFailsTheLastTargetsAnswerIsReturned() throws Exception {
        primary.enqueue(new MockResponse.Builder()
                .code(503)
                .headersDelay(600, TimeUnit.MILLISECONDS)
                .addHeader("content-type", "application/json")
                .body(OpenAiFakes.errorBody("primary down"))
                .build());
        secondary.enqueue(OpenAiFakes.error(500, "secondary down"));

        GatewayResponse response = test.chat(config(100), CHAT_BODY);

        assertEquals(500, response.status());
        assertEquals("config.targets[1]", response.headers().value("x-portkey-last-used-option-index"));
        assertEquals("false", response.headers().value("x-should-retry"));
    }
}
