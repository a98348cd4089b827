package dev.aigateway.core.cache;

import static dev.aigateway.core.cache.CacheTesting.STREAM_BODY;
import static dev.aigateway.core.cache.CacheTesting.chat;
import static dev.aigateway.core.cache.CacheTesting.config;
import static dev.aigateway.core.cache.CacheTesting.read;
import static dev.aigateway.core.cache.CacheTesting.stream;
import static dev.aigateway.core.testing.OpenAiFakes.CHAT_BODY;
import static dev.aigateway.core.testing.OpenAiFakes.error;
import static dev.aigateway.core.testing.OpenAiFakes.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aigateway.core.Endpoint;
import dev.aigateway.core.GatewayRequest;
import dev.aigateway.core.GatewayResponse;
import dev.aigateway.core.stream.SseEvent;
import dev.aigateway.core.testing.TestGateway;
import java.time.Duration;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The simple cache: what is a hit, what is stored, and what a hit answers. */
class ResponseCacheTest {
    private static final String SIMPLE = "{\"mode\":\"simple\"}";

    private final MockWebServer server = new MockWebServer();
    private final MutableClock clock = new MutableClock();
    private final TestGateway test = TestGateway.with(builder ->
            builder.addTargetInterceptor(ResponseCache.builder().clock(clock).build()));

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

    private GatewayResponse send(GatewayRequest request) {
        return test.gateway.handle(request);
    }

    @Test
    void aSecondIdenticalChatIsAHitWithNoUpstreamCallAndTheHeadersOfAMiss() throws Exception {
        server.enqueue(ok("first"));
        String config = config(server, "k1", SIMPLE);

        GatewayResponse miss = send(chat(config, CHAT_BODY));
        GatewayResponse hit = send(chat(config, CHAT_BODY));

        assertEquals("MISS", miss.headers().value("x-portkey-cache-status"));
        assertEquals("HIT", hit.headers().value("x-portkey-cache-status"));
        assertEquals(1, server.getRequestCount());
        assertEquals(200, hit.status());
        assertEquals(TestGateway.text(miss), TestGateway.text(hit));
        for (String name : List.of(
                "content-type",
                "x-portkey-last-used-option-index",
                "x-portkey-provider",
                "x-portkey-retry-attempt-count")) {
            assertEquals(miss.headers().value(name), hit.headers().value(name), name);
        }
        assertEquals("config", hit.headers().value("x-portkey-last-used-option-index"));
        assertEquals("0", hit.headers().value("x-portkey-retry-attempt-count"));
        assertTrue(hit.headers().contains("x-portkey-trace-id"));
    }

    @Test
    void embeddingsAreCachedToo() throws Exception {
        server.enqueue(CacheTesting.embeddings(0.5f, 0.25f));
        GatewayRequest request = GatewayRequest.builder(Endpoint.EMBED)
                .config(config(server, "k1", SIMPLE))
                .body("{\"model\":\"text-embedding-3-small\",\"input\":\"hello\"}")
                .build();

        GatewayResponse miss = send(request);
        GatewayResponse hit = send(request);

        assertEquals("MISS", miss.headers().value("x-portkey-cache-status"));
        assertEquals("HIT", hit.headers().value("x-portkey-cache-status"));
        assertEquals(TestGateway.text(miss), TestGateway.text(hit));
        assertEquals(0.25, TestGateway.json(hit).at("/data/0/embedding/1").asDouble());
        assertEquals(1, server.getRequestCount());
    }

    @Test
    void aCompletedStreamIsReplayedEventByEvent() throws Exception {
        server.enqueue(stream("Hel", "lo"));
        String config = config(server, "k1", SIMPLE);

        GatewayResponse miss = send(chat(config, STREAM_BODY));
        List<SseEvent> first = read(miss);
        GatewayResponse hit = send(chat(config, STREAM_BODY));
        List<SseEvent> replayed = read(hit);

        assertEquals("MISS", miss.headers().value("x-portkey-cache-status"));
        assertEquals("HIT", hit.headers().value("x-portkey-cache-status"));
        assertEquals("text/event-stream", hit.headers().value("content-type"));
        assertEquals(3, first.size());
        assertEquals(first, replayed);
        assertTrue(replayed.get(2).isDone());
        assertEquals(1, server.getRequestCount());
    }

    @Test
    void aStoredStreamAnswersARequestForJsonAssembled() throws Exception {
        server.enqueue(stream("Hel", "lo"));
        String config = config(server, "k1", SIMPLE);
        read(send(chat(config, STREAM_BODY)));

        GatewayResponse hit = send(chat(config, CHAT_BODY));

        assertEquals("HIT", hit.headers().value("x-portkey-cache-status"));
        assertEquals("application/json", hit.headers().value("content-type"));
        JsonNode answer = TestGateway.json(hit);
        assertEquals("chat.completion", answer.path("object").asText());
        assertEquals("Hello", answer.at("/choices/0/message/content").asText());
        assertEquals("assistant", answer.at("/choices/0/message/role").asText());
        assertEquals("stop", answer.at("/choices/0/finish_reason").asText());
        assertEquals(1, server.getRequestCount());
    }

    @Test
    void aStoredJsonAnswerAnswersAStreamRequestAsChunks() throws Exception {
        server.enqueue(ok("whole"));
        String config = config(server, "k1", SIMPLE);
        send(chat(config, CHAT_BODY));

        GatewayResponse hit = send(chat(config, STREAM_BODY));
        List<SseEvent> events = read(hit);

        assertEquals("HIT", hit.headers().value("x-portkey-cache-status"));
        assertEquals("text/event-stream", hit.headers().value("content-type"));
        assertEquals(
                "whole", events.get(0).json().at("/choices/0/delta/content").asText());
        assertEquals(
                "chat.completion.chunk", events.get(0).json().path("object").asText());
        assertEquals("stop", events.get(1).json().at("/choices/0/finish_reason").asText());
        assertTrue(events.get(events.size() - 1).isDone());
        assertEquals(1, server.getRequestCount());
    }

    @Test
    void anotherKeyMisses() throws Exception {
        server.enqueue(ok("tenant-a"));
        server.enqueue(ok("tenant-b"));

        send(chat(config(server, "key-a", SIMPLE), CHAT_BODY));
        GatewayResponse other = send(chat(config(server, "key-b", SIMPLE), CHAT_BODY));

        assertEquals("MISS", other.headers().value("x-portkey-cache-status"));
        assertTrue(TestGateway.text(other).contains("tenant-b"));
        assertEquals(2, server.getRequestCount());
    }

    @Test
    void anotherNamespaceMissesAndTheSameOneHits() throws Exception {
        server.enqueue(ok("a"));
        server.enqueue(ok("b"));
        server.enqueue(ok("c"));
        String config = config(server, "k1", SIMPLE);

        send(chat(config, CHAT_BODY, "x-portkey-cache-namespace", "team-a"));
        GatewayResponse other = send(chat(config, CHAT_BODY, "x-portkey-cache-namespace", "team-b"));
        GatewayResponse same = send(chat(config, CHAT_BODY, "x-portkey-cache-namespace", "team-a"));
        GatewayResponse none = send(chat(config, CHAT_BODY));

        assertEquals("MISS", other.headers().value("x-portkey-cache-status"));
        assertEquals("HIT", same.headers().value("x-portkey-cache-status"));
        assertTrue(TestGateway.text(same).contains("\"a\""));
        assertEquals("MISS", none.headers().value("x-portkey-cache-status"), "no namespace is one of its own");
        assertEquals(3, server.getRequestCount());
    }

    @Test
    void otherParametersMiss() throws Exception {
        server.enqueue(ok("cold"));
        server.enqueue(ok("warm"));
        String config = config(server, "k1", SIMPLE);

        send(chat(config, CHAT_BODY));
        GatewayResponse other = send(chat(
                config,
                "{\"model\":\"gpt-4o\",\"temperature\":1.5,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}"));

        assertEquals("MISS", other.headers().value("x-portkey-cache-status"));
        assertEquals(2, server.getRequestCount());
    }

    @Test
    void anotherBaseUrlMisses() throws Exception {
        try (MockWebServer elsewhere = new MockWebServer()) {
            elsewhere.start();
            server.enqueue(ok("here"));
            elsewhere.enqueue(ok("there"));

            send(chat(config(server, "k1", SIMPLE), CHAT_BODY));
            GatewayResponse other = send(chat(config(elsewhere, "k1", SIMPLE), CHAT_BODY));

            assertEquals("MISS", other.headers().value("x-portkey-cache-status"));
            assertEquals(1, elsewhere.getRequestCount());
        }
    }

    @Test
    void errorsAreNotStored() throws Exception {
        server.enqueue(error(500, "down"));
        server.enqueue(ok("up"));
        String config = config(server, "k1", SIMPLE);

        GatewayResponse failed = send(chat(config, CHAT_BODY));
        GatewayResponse second = send(chat(config, CHAT_BODY));
        GatewayResponse third = send(chat(config, CHAT_BODY));

        assertEquals(500, failed.status());
        assertEquals("MISS", failed.headers().value("x-portkey-cache-status"));
        assertEquals(200, second.status());
        assertEquals("MISS", second.headers().value("x-portkey-cache-status"));
        assertEquals("HIT", third.headers().value("x-portkey-cache-status"));
        assertEquals(2, server.getRequestCount());
    }

    @Test
    void aCutStreamIsNotStored() throws Exception {
        server.enqueue(new MockResponse.Builder()
                .code(200)
                .addHeader("content-type", "text/event-stream")
                .body(CacheTesting.chunk("partial", null))
                .build());
        server.enqueue(stream("whole"));
        String config = config(server, "k1", SIMPLE);

        List<SseEvent> cut = read(send(chat(config, STREAM_BODY)));
        GatewayResponse next = send(chat(config, STREAM_BODY));
        List<SseEvent> whole = read(next);

        assertTrue(cut.get(1).json().has("error"), "the cut stream ended with an error event");
        assertEquals("MISS", next.headers().value("x-portkey-cache-status"));
        assertEquals("whole", whole.get(0).json().at("/choices/0/delta/content").asText());
        assertEquals(2, server.getRequestCount());
    }

    @Test
    void anEntryExpiresAfterMaxAgeSeconds() throws Exception {
        server.enqueue(ok("old"));
        server.enqueue(ok("new"));
        String config = config(server, "k1", "{\"mode\":\"simple\",\"max_age\":60}");

        send(chat(config, CHAT_BODY));
        clock.advance(Duration.ofSeconds(59));
        GatewayResponse fresh = send(chat(config, CHAT_BODY));
        clock.advance(Duration.ofSeconds(2));
        GatewayResponse expired = send(chat(config, CHAT_BODY));

        assertEquals("HIT", fresh.headers().value("x-portkey-cache-status"));
        assertEquals("MISS", expired.headers().value("x-portkey-cache-status"));
        assertTrue(TestGateway.text(expired).contains("new"));
        assertEquals(2, server.getRequestCount());
    }

    @Test
    void forceRefreshSkipsTheReadAndStoresTheNewAnswer() throws Exception {
        server.enqueue(ok("old"));
        server.enqueue(ok("new"));
        String config = config(server, "k1", SIMPLE);

        send(chat(config, CHAT_BODY));
        GatewayResponse refreshed = send(chat(config, CHAT_BODY, "x-portkey-cache-force-refresh", "true"));
        GatewayResponse after = send(chat(config, CHAT_BODY));

        assertEquals("REFRESH", refreshed.headers().value("x-portkey-cache-status"));
        assertTrue(TestGateway.text(refreshed).contains("new"));
        assertEquals("HIT", after.headers().value("x-portkey-cache-status"));
        assertTrue(TestGateway.text(after).contains("new"));
        assertEquals(2, server.getRequestCount());
    }

    @Test
    void theCacheIsInheritedAndAChildsReplacesItWhole() throws Exception {
        server.enqueue(ok("one"));
        server.enqueue(ok("two"));
        server.enqueue(ok("three"));
        String inherited = "{\"cache\":{\"mode\":\"simple\"},\"strategy\":{\"mode\":\"fallback\"},\"targets\":["
                + "{\"provider\":\"openai\",\"api_key\":\"k1\",\"custom_host\":\"" + server.url("/v1") + "\"}]}";
        String replaced = "{\"cache\":{\"mode\":\"simple\"},\"strategy\":{\"mode\":\"fallback\"},\"targets\":["
                + "{\"provider\":\"openai\",\"api_key\":\"k2\",\"custom_host\":\"" + server.url("/v1")
                + "\",\"cache\":{\"mode\":\"simple\",\"max_age\":0}}]}";

        send(chat(inherited, CHAT_BODY));
        GatewayResponse hit = send(chat(inherited, CHAT_BODY));
        send(chat(replaced, CHAT_BODY));
        GatewayResponse off = send(chat(replaced, CHAT_BODY));

        assertEquals("HIT", hit.headers().value("x-portkey-cache-status"));
        assertEquals("config.targets[0]", hit.headers().value("x-portkey-last-used-option-index"));
        assertEquals("DISABLED", off.headers().value("x-portkey-cache-status"));
        assertEquals(3, server.getRequestCount());
    }

    @Test
    void aHitNamesTheTargetItServedInAFallback() throws Exception {
        try (MockWebServer failing = new MockWebServer()) {
            failing.start();
            failing.enqueue(error(503, "busy"));
            failing.enqueue(error(503, "busy"));
            server.enqueue(ok("second"));
            String config = "{\"strategy\":{\"mode\":\"fallback\"},\"targets\":["
                    + "{\"provider\":\"openai\",\"api_key\":\"k1\",\"custom_host\":\"" + failing.url("/v1") + "\"},"
                    + "{\"provider\":\"openai\",\"api_key\":\"k2\",\"custom_host\":\"" + server.url("/v1")
                    + "\",\"cache\":{\"mode\":\"simple\"}}]}";

            send(chat(config, CHAT_BODY));
            GatewayResponse hit = send(chat(config, CHAT_BODY));

            assertEquals("HIT", hit.headers().value("x-portkey-cache-status"));
            assertEquals("config.targets[1]", hit.headers().value("x-portkey-last-used-option-index"));
            assertEquals(2, failing.getRequestCount(), "the uncached target is tried each time");
            assertEquals(1, server.getRequestCount());
        }
    }

    @Test
    void withoutACacheConfigTheStatusIsDisabled() throws Exception {
        server.enqueue(ok("a"));
        server.enqueue(ok("b"));
        String config = "{\"provider\":\"openai\",\"api_key\":\"k\",\"custom_host\":\"" + server.url("/v1") + "\"}";

        send(chat(config, CHAT_BODY));
        GatewayResponse second = send(chat(config, CHAT_BODY));

        assertEquals("DISABLED", second.headers().value("x-portkey-cache-status"));
        assertEquals(2, server.getRequestCount());
    }

    @Test
    void anAnswerLargerThanTheEntryLimitIsPassedOnAndNotKept() throws Exception {
        try (TestGateway small = TestGateway.with(builder -> builder.addTargetInterceptor(
                ResponseCache.builder().maxEntryBytes(64).build()))) {
            server.enqueue(ok("big"));
            server.enqueue(ok("big"));
            String config = config(server, "k1", SIMPLE);

            small.gateway.handle(chat(config, CHAT_BODY));
            GatewayResponse second = small.gateway.handle(chat(config, CHAT_BODY));

            assertEquals(200, second.status());
            assertEquals("MISS", second.headers().value("x-portkey-cache-status"));
            assertEquals(2, server.getRequestCount());
        }
    }

    @Test
    void aStreamRequestAskingForUsageGetsItFromAStoredJsonAnswer() throws Exception {
        server.enqueue(ok("counted"));
        String config = config(server, "k1", SIMPLE);
        String body = "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}],"
                + "\"stream_options\":{\"include_usage\":true}}";
        send(chat(config, body));

        List<SseEvent> events = read(send(chat(config, body.replace("{\"model\"", "{\"stream\":true,\"model\""))));

        JsonNode usage = events.get(events.size() - 2).json();
        assertEquals(0, usage.path("choices").size());
        assertEquals(4, usage.at("/usage/total_tokens").asInt());
        assertEquals(1, server.getRequestCount());
    }
}
