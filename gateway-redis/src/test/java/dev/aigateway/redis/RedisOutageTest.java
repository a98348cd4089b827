package dev.aigateway.redis;

import static dev.aigateway.redis.SharedStateContract.MINUTE;
import static dev.aigateway.redis.SharedStateContract.bytes;
import static dev.aigateway.redis.SharedStateContract.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aigateway.core.state.SharedState;
import dev.aigateway.core.state.SharedStateUnavailableException;
import dev.aigateway.redis.testing.RedisServer;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import redis.clients.jedis.exceptions.JedisConnectionException;

/**
 * Redis going away mid-test: every operation fails fast with SharedStateUnavailableException,
 * Redis is skipped for the back-off (an injected clock, never a sleep), and the store finds Redis
 * again by itself.
 */
class RedisOutageTest {
    /**
     * Far above the 250 ms timeouts (with room for a loaded CI machine), far below the minutes a
     * caller would wait without the back-off.
     */
    private static final long FAST_MILLIS = 2_000;

    private static final Map<String, Consumer<SharedState>> OPERATIONS = Map.of(
            "increment", s -> s.increment("limit:k", 1, MINUTE),
            "get", s -> s.get("cache:k"),
            "put", s -> s.put("cache:k", bytes("v"), MINUTE),
            "putIfAbsent", s -> s.putIfAbsent("breaker:probe", bytes("v"), MINUTE),
            "delete", s -> s.delete("cache:k"),
            "ttlMillis", s -> s.ttlMillis("limit:k"));

    private final AtomicLong now = new AtomicLong();
    private final RedisServer redis = RedisServer.start();
    private final RedisSharedState state = RedisSharedState.builder(redis.url())
            .backoff(Duration.ofSeconds(1))
            .clock(now::get)
            .build();

    @AfterEach
    void close() {
        state.close();
        redis.close();
    }

    @Test
    void redisStoppedMidTestFailsFastThenIsSkippedThenFoundAgain() {
        state.put("cache:k", bytes("before"), MINUTE);
        redis.stop();

        SharedStateUnavailableException down = assertFast(() -> state.get("cache:k"));
        assertTrue(
                down.getMessage().startsWith("Redis at 127.0.0.1:" + redis.port() + " is unreachable"),
                down::getMessage);
        assertInstanceOf(JedisConnectionException.class, down.getCause());

        // Within the back-off Redis is not even tried: it would answer now, yet the call fails.
        redis.restart();
        now.addAndGet(999);
        SharedStateUnavailableException skipped = assertFast(() -> state.get("cache:k"));
        assertEquals(
                "Redis at 127.0.0.1:" + redis.port() + " failed less than 1000 ms ago; not tried until then",
                skipped.getMessage());

        now.addAndGet(1);
        assertEquals(Optional.empty(), state.get("cache:k"), "a restarted Redis without persistence is empty");
        state.put("cache:k", bytes("after"), MINUTE);
        assertEquals("after", text(state.get("cache:k")));
    }

    @Test
    void everyOperationFailsFastWhileRedisIsDown() {
        state.put("cache:warm", bytes("v"), MINUTE);
        redis.stop();

        OPERATIONS.forEach((name, operation) -> {
            now.addAndGet(1_000); // past the back-off, so each operation really tries Redis
            SharedStateUnavailableException e = assertFast(() -> operation.accept(state));
            assertTrue(e.getMessage().contains("is unreachable"), () -> name + ": " + e.getMessage());
        });
        OPERATIONS.forEach((name, operation) -> {
            SharedStateUnavailableException e = assertFast(() -> operation.accept(state));
            assertTrue(e.getMessage().contains("not tried until then"), () -> name + ": " + e.getMessage());
        });
    }

    @Test
    void aRedisThatNeverStartedCostsOneFastFailure() {
        redis.stop();
        try (RedisSharedState fresh =
                RedisSharedState.builder(redis.url()).clock(now::get).build()) {
            assertFast(() -> fresh.increment("limit:k", 1, MINUTE));
            assertFast(() -> fresh.increment("limit:k", 1, MINUTE));
        }
    }

    @Test
    void aStalledRedisCostsOneSocketTimeout() {
        state.put("cache:k", bytes("v"), MINUTE);
        redis.freeze();
        try {
            SharedStateUnavailableException e = assertFast(() -> state.get("cache:k"));
            assertTrue(e.getMessage().contains("Read timed out"), e::getMessage);
            assertFast(() -> state.get("cache:k"));
        } finally {
            redis.thaw();
        }
        now.addAndGet(1_000);
        assertEquals("v", text(state.get("cache:k")));
    }

    @Test
    void onlyOneProbeTriesRedisWhileItIsDown() {
        redis.stop();
        assertFast(() -> state.get("k"));
        now.addAndGet(1_000);

        // The probe fails and starts a new back-off: the calls after it are refused unseen by Redis.
        assertTrue(assertFast(() -> state.get("k")).getMessage().contains("is unreachable"));
        assertTrue(assertFast(() -> state.get("k")).getMessage().contains("not tried until then"));
        now.addAndGet(999);
        assertTrue(assertFast(() -> state.get("k")).getMessage().contains("not tried until then"));
    }

    @Test
    void eachOutageIsLoggedOnceWhenItStartsAndOnceWhenItEnds() {
        try (RecordedLog log = RecordedLog.of(RedisSharedState.class)) {
            state.get("k");
            redis.stop();
            for (int i = 0; i < 5; i++) {
                assertFast(() -> state.get("k"));
                now.addAndGet(1_000);
            }
            redis.restart();
            state.get("k");
            state.get("k");

            String address = "127.0.0.1:" + redis.port();
            List<String> lines = log.lines();
            assertEquals(2, lines.size(), lines::toString);
            assertTrue(lines.get(0).startsWith("WARNING Redis at " + address + " is unreachable"), lines::toString);
            assertTrue(lines.get(0).endsWith("; failing open, next try in 1000 ms"), lines::toString);
            assertEquals("INFO Redis at " + address + " answers again; shared state is back", lines.get(1));
        }
    }

    @Test
    void connectionsBrokenByARestartAreNotReusedAfterRecovery() throws Exception {
        // Several pooled connections, all broken by the restart.
        SharedStateContract.onAllThreads(thread -> () -> state.get("k"));
        redis.stop();
        redis.restart();

        assertFast(() -> state.get("k"));
        now.addAndGet(1_000);
        state.put("k", bytes("v"), MINUTE);
        // Concurrent calls take every pooled connection: none may be one the restart broke.
        List<String> values = SharedStateContract.onAllThreads(thread -> () -> text(state.get("k")));
        assertEquals(Collections.nCopies(values.size(), "v"), values);
    }

    /** The call fails with SharedStateUnavailableException in under {@link #FAST_MILLIS}. */
    private static SharedStateUnavailableException assertFast(Executable call) {
        long start = System.nanoTime();
        SharedStateUnavailableException e = assertThrows(SharedStateUnavailableException.class, call);
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(millis < FAST_MILLIS, () -> "took " + millis + " ms: " + e.getMessage());
        return e;
    }
}
