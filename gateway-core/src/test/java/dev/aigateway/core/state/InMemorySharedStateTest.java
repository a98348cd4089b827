package dev.aigateway.core.state;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class InMemorySharedStateTest {
    private static final Duration MINUTE = Duration.ofMinutes(1);

    private final AtomicLong now = new AtomicLong(1_000_000);
    private final InMemorySharedState state =
            InMemorySharedState.builder().clock(now::get).build();

    @Test
    void aValueLivesExactlyItsTtl() {
        state.put("cache:a", bytes("answer"), Duration.ofMillis(200));

        now.addAndGet(199);
        assertEquals("answer", text(state.get("cache:a")));
        assertEquals(OptionalLong.of(1), state.ttlMillis("cache:a"));

        now.addAndGet(1);
        assertEquals(Optional.empty(), state.get("cache:a"));
        assertEquals(OptionalLong.empty(), state.ttlMillis("cache:a"));
    }

    @Test
    void anExpiredEntryIsRemovedWhenTouched() {
        state.put("cache:a", bytes("answer"), Duration.ofMillis(10));
        now.addAndGet(10);
        assertEquals(1, state.size());

        state.get("cache:a");
        assertEquals(0, state.size());
    }

    @Test
    void putReplacesTheValueAndTheTtl() {
        state.put("k", bytes("one"), Duration.ofMillis(100));
        now.addAndGet(50);
        state.put("k", bytes("two"), Duration.ofMillis(300));

        assertEquals(OptionalLong.of(300), state.ttlMillis("k"));
        now.addAndGet(299);
        assertEquals("two", text(state.get("k")));
    }

    @Test
    void incrementStartsAtDeltaAndAdds() {
        assertEquals(1, state.increment("limit:k", 1, MINUTE));
        assertEquals(6, state.increment("limit:k", 5, MINUTE));
        assertEquals(4, state.increment("limit:k", -2, MINUTE));
        assertEquals(4, state.increment("limit:k", 0, MINUTE));
        assertEquals(0, state.increment("limit:other", 0, MINUTE));
    }

    @Test
    void incrementSetsTheTtlOnCreationAndNeverExtendsIt() {
        state.increment("limit:k", 1, Duration.ofSeconds(60));
        now.addAndGet(59_000);
        assertEquals(2, state.increment("limit:k", 1, Duration.ofHours(1)));
        assertEquals(OptionalLong.of(1_000), state.ttlMillis("limit:k"));

        now.addAndGet(1_000);
        assertEquals(OptionalLong.empty(), state.ttlMillis("limit:k"));
        // The window is over: the next increment starts a new one, with its own TTL.
        assertEquals(1, state.increment("limit:k", 1, Duration.ofSeconds(30)));
        assertEquals(OptionalLong.of(30_000), state.ttlMillis("limit:k"));
    }

    @Test
    void aCounterReadsAsItsDecimalDigits() {
        state.increment("limit:k", -42, MINUTE);
        assertArrayEquals("-42".getBytes(US_ASCII), state.get("limit:k").orElseThrow());
    }

    @Test
    void incrementContinuesADecimalValueAndKeepsItsTtl() {
        state.put("n", bytes("41"), Duration.ofMillis(500));
        assertEquals(42, state.increment("n", 1, MINUTE));
        assertEquals(OptionalLong.of(500), state.ttlMillis("n"));
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
        assertThrows(IllegalStateException.class, () -> state.increment("n", 1, MINUTE));
        assertEquals(Long.MAX_VALUE, state.increment("n", 0, MINUTE));
    }

    @Test
    void putIfAbsentWritesOnlyAMissingOrExpiredKey() {
        assertTrue(state.putIfAbsent("breaker:probe", bytes("replica-a"), Duration.ofMillis(100)));
        assertFalse(state.putIfAbsent("breaker:probe", bytes("replica-b"), Duration.ofMillis(100)));
        assertEquals("replica-a", text(state.get("breaker:probe")));

        now.addAndGet(100);
        assertTrue(state.putIfAbsent("breaker:probe", bytes("replica-b"), Duration.ofMillis(100)));
        assertEquals("replica-b", text(state.get("breaker:probe")));
        assertEquals(OptionalLong.of(100), state.ttlMillis("breaker:probe"));
    }

    @Test
    void deleteRemovesAKeyAndIgnoresAMissingOne() {
        state.put("k", bytes("v"), MINUTE);
        state.delete("k");
        state.delete("never-written");
        assertEquals(Optional.empty(), state.get("k"));
        assertTrue(state.putIfAbsent("k", bytes("w"), MINUTE));
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
    void ttlsOutsideOneMillisecondToAYearAreRefused() {
        for (Duration ttl :
                new Duration[] {Duration.ZERO, Duration.ofNanos(999_999), Duration.ofMillis(-5), Duration.ofDays(366)
                }) {
            assertThrows(IllegalArgumentException.class, () -> state.put("k", bytes("v"), ttl), ttl::toString);
            assertThrows(IllegalArgumentException.class, () -> state.increment("k", 1, ttl), ttl::toString);
            assertThrows(IllegalArgumentException.class, () -> state.putIfAbsent("k", bytes("v"), ttl), ttl::toString);
        }
        assertEquals(0, state.size());
        state.put("k", bytes("v"), SharedState.MAX_TTL);
        assertEquals(OptionalLong.of(SharedState.MAX_TTL.toMillis()), state.ttlMillis("k"));
    }

    @Test
    void aFullStoreSweepsExpiredEntriesFirst() {
        InMemorySharedState small =
                InMemorySharedState.builder().clock(now::get).maxEntries(10).build();
        for (int i = 0; i < 5; i++) {
            small.put("short" + i, bytes("v"), Duration.ofMillis(10));
        }
        for (int i = 0; i < 5; i++) {
            small.put("long" + i, bytes("v"), MINUTE);
        }
        now.addAndGet(10);

        small.put("one-more", bytes("v"), MINUTE);

        assertEquals(6, small.size());
        for (int i = 0; i < 5; i++) {
            assertTrue(small.get("long" + i).isPresent(), "long" + i);
        }
        assertTrue(small.get("one-more").isPresent());
    }

    @Test
    void aFullStoreOfLiveEntriesEvictsDownToNinetyPercent() {
        InMemorySharedState small =
                InMemorySharedState.builder().clock(now::get).maxEntries(100).build();
        for (int i = 0; i < 1_000; i++) {
            small.increment("limit:" + i, 1, MINUTE);
            assertTrue(small.size() <= 100, () -> "size " + small.size());
            // The key just written survives the sweep it caused.
            assertEquals(1, small.increment("limit:" + i, 0, MINUTE));
        }
        assertTrue(small.size() >= 90, () -> "size " + small.size());
    }

    @Test
    void closingDropsEverythingAndRefusesLaterOperations() {
        state.put("k", bytes("v"), MINUTE);
        state.close();
        assertEquals(0, state.size());
        assertThrows(IllegalStateException.class, () -> state.get("k"));
        assertThrows(IllegalStateException.class, () -> state.increment("k", 1, MINUTE));
        assertThrows(IllegalStateException.class, () -> state.delete("k"));
    }

    static byte[] bytes(String text) {
        return text.getBytes(UTF_8);
    }

    static String text(Optional<byte[]> value) {
        return new String(value.orElseThrow(), UTF_8);
    }
}
