package dev.aigateway.redis;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aigateway.core.state.SharedState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link SharedState} does, run against each implementation, so the in-memory store
 * and Redis agree and a feature behaves the same on one replica and on many. Expiry itself is
 * tested per implementation (an injected clock in memory, Redis's own clock against Redis); here
 * TTLs are read with {@code ttlMillis}.
 */
abstract class SharedStateContract {
    static final Duration MINUTE = Duration.ofMinutes(1);
    static final Duration HOUR = Duration.ofHours(1);
    private static final int THREADS = 16;

    SharedState state;

    /** A new, empty store. */
    abstract SharedState newState();

    @BeforeEach
    void open() {
        state = newState();
    }

    @AfterEach
    void closeState() {
        state.close();
    }

    @Test
    void aMissingKeyIsEmptyEverywhere() {
        assertEquals(Optional.empty(), state.get("missing"));
        assertEquals(OptionalLong.empty(), state.ttlMillis("missing"));
        state.delete("missing");
        assertEquals(Optional.empty(), state.get("missing"));
    }

    @Test
    void putStoresAnyBytes() {
        byte[] everyByte = new byte[256];
        for (int i = 0; i < everyByte.length; i++) {
            everyByte[i] = (byte) i;
        }
        state.put("cache:binary", everyByte, MINUTE);
        state.put("cache:empty", new byte[0], MINUTE);
        state.put("cache:ключ with spaces", bytes("unicode key"), MINUTE);

        assertArrayEquals(everyByte, state.get("cache:binary").orElseThrow());
        assertArrayEquals(new byte[0], state.get("cache:empty").orElseThrow());
        assertEquals("unicode key", text(state.get("cache:ключ with spaces")));
    }

    @Test
    void putSetsTheTtl() {
        state.put("k", bytes("v"), MINUTE);
        assertTtlAbout(MINUTE, state.ttlMillis("k"));
    }

    @Test
    void putReplacesTheValueAndTheTtl() {
        state.put("k", bytes("one"), MINUTE);
        state.put("k", bytes("two"), HOUR);

        assertEquals("two", text(state.get("k")));
        assertTtlAbout(HOUR, state.ttlMillis("k"));
    }

    @Test
    void incrementStartsAtDeltaAndAdds() {
        assertEquals(1, state.increment("limit:k", 1, MINUTE));
        assertEquals(6, state.increment("limit:k", 5, MINUTE));
        assertEquals(4, state.increment("limit:k", -2, MINUTE));
        assertEquals(4, state.increment("limit:k", 0, MINUTE));
        assertEquals(0, state.increment("limit:zero", 0, MINUTE));
        assertEquals(-3, state.increment("limit:negative", -3, MINUTE));
    }

    @Test
    void incrementSetsTheTtlOnCreationAndNeverExtendsIt() {
        state.increment("limit:k", 1, MINUTE);
        assertTtlAbout(MINUTE, state.ttlMillis("limit:k"));

        assertEquals(2, state.increment("limit:k", 1, HOUR));
        assertEquals(3, state.increment("limit:k", 1, HOUR));
        assertTtlAbout(MINUTE, state.ttlMillis("limit:k"));
    }

    @Test
    void aCounterReadsAsItsDecimalDigits() {
        state.increment("limit:k", -42, MINUTE);
        assertArrayEquals("-42".getBytes(US_ASCII), state.get("limit:k").orElseThrow());
    }

    @Test
    void incrementContinuesADecimalValueAndKeepsItsTtl() {
        state.put("n", bytes("41"), MINUTE);
        assertEquals(42, state.increment("n", 1, HOUR));
        assertTtlAbout(MINUTE, state.ttlMillis("n"));
    }

    @Test
    void incrementOfAValueThatIsNotACounterIsMisuse() {
        state.put("cache:a", bytes("{\"id\":1}"), MINUTE);

        IllegalStateException e =
                assertThrows(IllegalStateException.class, () -> state.increment("cache:a", 1, MINUTE));

        assertEquals("the key holds a value that is not a counter", e.getMessage());
        assertEquals("{\"id\":1}", text(state.get("cache:a")));
    }

    @Test
    void incrementPastTheLongRangeIsMisuseAndChangesNothing() {
        state.increment("n", Long.MAX_VALUE, MINUTE);

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> state.increment("n", 1, MINUTE));

        assertEquals("the increment would overflow the counter", e.getMessage());
        assertEquals(Long.MAX_VALUE, state.increment("n", 0, MINUTE));
    }

    @Test
    void putIfAbsentWritesOnlyAMissingKey() {
        assertTrue(state.putIfAbsent("breaker:probe", bytes("replica-a"), MINUTE));
        assertFalse(state.putIfAbsent("breaker:probe", bytes("replica-b"), HOUR));
        assertEquals("replica-a", text(state.get("breaker:probe")));
        assertTtlAbout(MINUTE, state.ttlMillis("breaker:probe"));

        state.delete("breaker:probe");
        assertTrue(state.putIfAbsent("breaker:probe", bytes("replica-b"), MINUTE));
        assertEquals("replica-b", text(state.get("breaker:probe")));
    }

    @Test
    void deleteRemovesValuesAndCounters() {
        state.put("cache:a", bytes("v"), MINUTE);
        state.increment("limit:a", 7, MINUTE);

        state.delete("cache:a");
        state.delete("limit:a");

        assertEquals(Optional.empty(), state.get("cache:a"));
        assertEquals(OptionalLong.empty(), state.ttlMillis("limit:a"));
        assertEquals(1, state.increment("limit:a", 1, MINUTE));
    }

    @Test
    void valuesAreCopiedInAndOut() {
        byte[] written = bytes("abc");
        state.put("k", written, MINUTE);
        written[0] = 'X';
        assertEquals("abc", text(state.get("k")));

        byte[] read = state.get("k").orElseThrow();
        read[0] = 'Y';
        assertEquals("abc", text(state.get("k")));

        byte[] elected = bytes("me");
        state.putIfAbsent("p", elected, MINUTE);
        elected[0] = 'Z';
        assertEquals("me", text(state.get("p")));
    }

    @Test
    void ttlsOutsideOneMillisecondToAYearAreRefusedAndChangeNothing() {
        for (Duration ttl :
                List.of(Duration.ZERO, Duration.ofNanos(999_999), Duration.ofMillis(-5), Duration.ofDays(366))) {
            assertThrows(IllegalArgumentException.class, () -> state.put("k", bytes("v"), ttl), ttl::toString);
            assertThrows(IllegalArgumentException.class, () -> state.increment("k", 1, ttl), ttl::toString);
            assertThrows(IllegalArgumentException.class, () -> state.putIfAbsent("k", bytes("v"), ttl), ttl::toString);
        }
        assertEquals(Optional.empty(), state.get("k"));

        state.put("k", bytes("v"), SharedState.MAX_TTL);
        assertTtlAbout(SharedState.MAX_TTL, state.ttlMillis("k"));
    }

    @Test
    void nullArgumentsAreRefused() {
        assertThrows(NullPointerException.class, () -> state.get(null));
        assertThrows(NullPointerException.class, () -> state.put("k", null, MINUTE));
        assertThrows(NullPointerException.class, () -> state.put("k", bytes("v"), null));
        assertThrows(NullPointerException.class, () -> state.increment(null, 1, MINUTE));
        assertEquals(Optional.empty(), state.get("k"));
    }

    @Test
    void operationsAfterCloseAreRefused() {
        state.put("k", bytes("v"), MINUTE);
        state.close();

        assertThrows(IllegalStateException.class, () -> state.get("k"));
        assertThrows(IllegalStateException.class, () -> state.put("k", bytes("v"), MINUTE));
        assertThrows(IllegalStateException.class, () -> state.increment("k", 1, MINUTE));
        assertThrows(IllegalStateException.class, () -> state.putIfAbsent("k", bytes("v"), MINUTE));
        assertThrows(IllegalStateException.class, () -> state.delete("k"));
        assertThrows(IllegalStateException.class, () -> state.ttlMillis("k"));
    }

    @Test
    void ofManyThreadsExactlyOneWinsEachElection() throws Exception {
        for (int round = 0; round < 20; round++) {
            String key = "breaker:probe:" + round;
            List<Boolean> won =
                    onAllThreads(thread -> () -> state.putIfAbsent(key, bytes("replica-" + thread), MINUTE));

            assertEquals(1, won.stream().filter(w -> w).count(), "round " + round);
            assertEquals("replica-" + won.indexOf(true), text(state.get(key)), "round " + round);
        }
    }

    @Test
    void concurrentIncrementsLoseNothing() throws Exception {
        onAllThreads(thread -> () -> {
            for (int i = 0; i < 100; i++) {
                state.increment("limit:k", 1, MINUTE);
            }
            return null;
        });

        assertEquals(THREADS * 100L, state.increment("limit:k", 0, MINUTE));
        assertTtlAbout(MINUTE, state.ttlMillis("limit:k"));
    }

    /** Starts every thread's task at once and returns the results in thread order. */
    static <T> List<T> onAllThreads(IntFunction<Callable<T>> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            CyclicBarrier start = new CyclicBarrier(THREADS);
            List<Future<T>> futures = new ArrayList<>();
            for (int thread = 0; thread < THREADS; thread++) {
                Callable<T> call = task.apply(thread);
                futures.add(pool.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    return call.call();
                }));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get(30, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    /** A TTL just set to {@code ttl}: at most that, and less by no more than a test's duration. */
    static void assertTtlAbout(Duration ttl, OptionalLong actual) {
        long millis = actual.orElseThrow();
        assertTrue(
                millis <= ttl.toMillis() && millis > ttl.toMillis() - 10_000, () -> millis + " ms for a TTL of " + ttl);
    }

    static byte[] bytes(String text) {
        return text.getBytes(UTF_8);
    }

    static String text(Optional<byte[]> value) {
        return new String(value.orElseThrow(), UTF_8);
    }
}
