package dev.aigateway.core.provider.vertex.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.aigateway.core.error.CredentialException;
import dev.aigateway.core.testing.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TokenCacheTest {
    private final MutableClock clock = MutableClock.atEpochSecond(1_700_000_000L);
    private final TokenCache cache = new TokenCache(clock, 100);
    private final AtomicInteger fetches = new AtomicInteger();

    private TokenSource source(Duration lifetime) {
        return () -> AccessToken.of("token-" + fetches.incrementAndGet(), clock.instant(), lifetime);
    }

    @Test
    void aTokenIsKeptUntilFiveMinutesBeforeItExpires() {
        TokenSource source = source(Duration.ofHours(1));
        assertEquals("token-1", cache.token("a", source).value());
        clock.advance(Duration.ofMinutes(54));
        assertEquals("token-1", cache.token("a", source).value());
        clock.advance(Duration.ofMinutes(1));
        assertEquals("token-2", cache.token("a", source).value());
        assertEquals(2, fetches.get());
    }

    @Test
    void aShortLivedTokenIsKeptForHalfItsLife() {
        TokenSource source = source(Duration.ofMinutes(4));
        assertEquals("token-1", cache.token("a", source).value());
        clock.advance(Duration.ofSeconds(119));
        assertEquals("token-1", cache.token("a", source).value());
        clock.advance(Duration.ofSeconds(1));
        assertEquals("token-2", cache.token("a", source).value());
    }

    @Test
    void eachCredentialHasItsOwnToken() {
        TokenSource source = source(Duration.ofHours(1));
        assertEquals("token-1", cache.token("a", source).value());
        assertEquals("token-2", cache.token("b", source).value());
        assertEquals("token-1", cache.token("a", source).value());
    }

    @Test
    void fiftyConcurrentCallersShareOneFetch() throws Exception {
        CountDownLatch fetching = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        TokenSource slow = () -> {
            fetching.countDown();
            await(release);
            return AccessToken.of("token-" + fetches.incrementAndGet(), clock.instant(), Duration.ofHours(1));
        };
        ExecutorService threads = Executors.newFixedThreadPool(50);
        try {
            List<Future<AccessToken>> answers = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                answers.add(threads.submit(() -> cache.token("a", slow)));
            }
            assertEquals(true, fetching.await(10, TimeUnit.SECONDS));
            release.countDown();
            AccessToken first = answers.get(0).get(10, TimeUnit.SECONDS);
            for (Future<AccessToken> answer : answers) {
                assertSame(first, answer.get(10, TimeUnit.SECONDS));
            }
            assertEquals(1, fetches.get());
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void aFailureReachesEveryWaiterAndIsNotKept() throws Exception {
        CountDownLatch fetching = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger attempts = new AtomicInteger();
        TokenSource failing = () -> {
            attempts.incrementAndGet();
            fetching.countDown();
            await(release);
            throw new CredentialException(401, "refused");
        };
        ExecutorService threads = Executors.newFixedThreadPool(10);
        try {
            List<Future<AccessToken>> answers = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                answers.add(threads.submit(() -> cache.token("a", failing)));
            }
            fetching.await(10, TimeUnit.SECONDS);
            release.countDown();
            for (Future<AccessToken> answer : answers) {
                java.util.concurrent.ExecutionException e = assertThrows(
                        java.util.concurrent.ExecutionException.class, () -> answer.get(10, TimeUnit.SECONDS));
                assertEquals(401, ((CredentialException) e.getCause()).status());
            }
            assertEquals(
                    "token-1", cache.token("a", source(Duration.ofHours(1))).value(), "the next call fetches again");
        } finally {
            threads.shutdownNow();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new AssertionError("never released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
