package dev.aigateway.core.state;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Many threads on one key: the operations the contract calls atomic stay atomic. */
class InMemorySharedStateRaceTest {
    private static final int THREADS = 16;
    private static final Duration MINUTE = Duration.ofMinutes(1);

    private final AtomicLong now = new AtomicLong();
    private final InMemorySharedState state =
            InMemorySharedState.builder().clock(now::get).build();
    private final ExecutorService pool = Executors.newFixedThreadPool(THREADS);

    @AfterEach
    void stop() throws InterruptedException {
        pool.shutdownNow();
        pool.awaitTermination(10, TimeUnit.SECONDS);
    }

    @Test
    void ofManyThreadsExactlyOneWinsEachElection() throws Exception {
        for (int round = 0; round < 200; round++) {
            String key = "breaker:probe:" + round;
            List<Boolean> results =
                    all(thread -> state.putIfAbsent(key, ("replica-" + thread).getBytes(UTF_8), MINUTE));

            assertEquals(1, results.stream().filter(won -> won).count(), "round " + round);
            String winner = "replica-" + results.indexOf(true);
            assertEquals(winner, new String(state.get(key).orElseThrow(), UTF_8), "round " + round);
        }
    }

    @Test
    void concurrentIncrementsLoseNothing() throws Exception {
        List<Long> lastSeen = all(thread -> {
            long last = 0;
            for (int i = 0; i < 1_000; i++) {
                last = state.increment("limit:k", 1, MINUTE);
            }
            return last;
        });

        assertEquals(THREADS * 1_000L, state.increment("limit:k", 0, MINUTE));
        assertEquals(
                THREADS * 1_000L,
                lastSeen.stream().mapToLong(Long::longValue).max().orElseThrow());
    }

    @Test
    void onlyOneThreadRestartsAnExpiredWindow() throws Exception {
        state.increment("limit:k", 100, Duration.ofMillis(10));
        now.addAndGet(10);

        List<Long> values = all(thread -> state.increment("limit:k", 1, MINUTE));

        // One increment started the new window at 1, the others counted on from there.
        assertEquals(
                List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L, 13L, 14L, 15L, 16L),
                values.stream().sorted().toList());
    }

    /** Runs {@code task} on every thread at once and returns the results in thread order. */
    private <T> List<T> all(ThreadTask<T> task) throws Exception {
        CyclicBarrier start = new CyclicBarrier(THREADS);
        List<Future<T>> futures = new ArrayList<>();
        for (int thread = 0; thread < THREADS; thread++) {
            int id = thread;
            Callable<T> call = () -> {
                start.await(10, TimeUnit.SECONDS);
                return task.run(id);
            };
            futures.add(pool.submit(call));
        }
        List<T> results = new ArrayList<>();
        for (Future<T> future : futures) {
            results.add(future.get(30, TimeUnit.SECONDS));
        }
        return results;
    }

    @FunctionalInterface
    private interface ThreadTask<T> {
        T run(int thread) throws Exception;
    }
}
