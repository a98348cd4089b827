package dev.aigateway.core.cache;

import static dev.aigateway.core.cache.CacheTesting.chat;
import static dev.aigateway.core.cache.CacheTesting.config;
import static dev.aigateway.core.testing.OpenAiFakes.CHAT_BODY;
import static dev.aigateway.core.testing.OpenAiFakes.ok;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aigateway.core.GatewayResponse;
import dev.aigateway.core.state.InMemorySharedState;
import dev.aigateway.core.state.SharedState;
import dev.aigateway.core.state.SharedStateUnavailableException;
import dev.aigateway.core.stream.SseEvent;
import dev.aigateway.core.testing.TestGateway;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicBoolean;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;

/** The stores: memory bounded in bytes, the shared state failing open. */
class CacheStoreTest {
    @Test
    void theMemoryStoreStaysWithinItsBytes() {
        MemoryCacheStore store = new MemoryCacheStore(100_000);
        byte[] value = new byte[10_000];
        for (int i = 0; i < 100; i++) {
            store.put("cache:v1:" + i, value, Duration.ofMinutes(5));
        }

        assertTrue(store.weightedBytes() <= 100_000, "weighs " + store.weightedBytes());
        assertTrue(store.weightedBytes() > 50_000, "keeps what fits: " + store.weightedBytes());
    }

    @Test
    void theMemoryStoreKeepsAndReturnsValues() {
        CacheStore store = CacheStore.inMemory(1 << 20);
        store.put("k", new byte[] {1, 2, 3}, Duration.ofMinutes(1));

        assertArrayEquals(new byte[] {1, 2, 3}, store.get("k").orElseThrow());
        assertTrue(store.get("other").isEmpty());
    }

    @Test
    void theSharedStoreSetsTheTtlInTheState() {
        try (InMemorySharedState state = InMemorySharedState.create()) {
            CacheStore store = CacheStore.shared(state);
            store.put("cache:v1:x", new byte[] {7}, Duration.ofSeconds(30));

            assertArrayEquals(new byte[] {7}, store.get("cache:v1:x").orElseThrow());
            long ttl = state.ttlMillis("cache:v1:x").orElseThrow();
            assertTrue(ttl > 29_000 && ttl <= 30_000, "ttl " + ttl);
        }
    }

    @Test
    void anEntryEncodesAndDecodes() {
        CacheEntry complete = CacheEntry.complete(200, "application/json", 42, "{\"a\":1}".getBytes());
        CacheEntry stream =
                CacheEntry.stream(200, 43, List.of(new SseEvent(null, "{\"x\":\"é\"}"), new SseEvent("delta", "2")));

        CacheEntry back = CacheEntry.decode(complete.encode()).orElseThrow();
        CacheEntry events = CacheEntry.decode(stream.encode()).orElseThrow();

        assertArrayEquals(complete.body(), back.body());
        assertEquals("application/json", back.contentType());
        assertEquals(42, back.expiresAtMillis());
        assertEquals(stream.events(), events.events());
        assertTrue(CacheEntry.decode(new byte[] {9, 9}).isEmpty(), "unknown bytes are no entry");
        byte[] cut = stream.encode();
        assertTrue(CacheEntry.decode(Arrays.copyOf(cut, cut.length - 3)).isEmpty());
    }

    @Test
    void whenTheSharedStateIsDownRequestsAreServedWithoutTheCache() throws Exception {
        AtomicBoolean down = new AtomicBoolean();
        try (SharedState flaky = new FlakyState(down);
                MockWebServer server = new MockWebServer();
                TestGateway test = TestGateway.with(builder -> builder.addTargetInterceptor(
                        ResponseCache.builder().store(CacheStore.shared(flaky)).build()))) {
            server.start();
            server.enqueue(ok("a"));
            server.enqueue(ok("b"));
            server.enqueue(ok("c"));
            String config = config(server, "k", "{\"mode\":\"simple\"}");

            test.gateway.handle(chat(config, CHAT_BODY));
            GatewayResponse hit = test.gateway.handle(chat(config, CHAT_BODY));
            down.set(true);
            GatewayResponse bypassed = test.gateway.handle(chat(config, CHAT_BODY));
            down.set(false);
            GatewayResponse back = test.gateway.handle(chat(config, CHAT_BODY));

            assertEquals("HIT", hit.headers().value("x-portkey-cache-status"));
            assertEquals(200, bypassed.status());
            assertEquals("MISS", bypassed.headers().value("x-portkey-cache-status"));
            assertTrue(TestGateway.text(bypassed).contains("\"b\""));
            assertEquals("HIT", back.headers().value("x-portkey-cache-status"));
            assertEquals(2, server.getRequestCount());
        }
    }

    /** A shared state in memory that throws as an unreachable Redis does while {@code down}. */
    private static final class FlakyState implements SharedState {
        private final InMemorySharedState state = InMemorySharedState.create();
        private final AtomicBoolean down;

        FlakyState(AtomicBoolean down) {
            this.down = down;
        }

        private void check() {
            if (down.get()) {
                throw new SharedStateUnavailableException("redis at 127.0.0.1:1 is unavailable");
            }
        }

        @Override
        public long increment(String key, long delta, Duration ttl) {
            check();
            return state.increment(key, delta, ttl);
        }

        @Override
        public Optional<byte[]> get(String key) {
            check();
            return state.get(key);
        }

        @Override
        public void put(String key, byte[] value, Duration ttl) {
            check();
            state.put(key, value, ttl);
        }

        @Override
        public boolean putIfAbsent(String key, byte[] value, Duration ttl) {
            check();
            return state.putIfAbsent(key, value, ttl);
        }

        @Override
        public void delete(String key) {
            check();
            state.delete(key);
        }

        @Override
        public OptionalLong ttlMillis(String key) {
            check();
            return state.ttlMillis(key);
        }

        @Override
        public void close() {
            state.close();
        }
    }
}
