package dev.aigateway.redis;

import static dev.aigateway.redis.SharedStateContract.MINUTE;
import static dev.aigateway.redis.SharedStateContract.assertTtlAbout;
import static dev.aigateway.redis.SharedStateContract.bytes;
import static dev.aigateway.redis.SharedStateContract.onAllThreads;
import static dev.aigateway.redis.SharedStateContract.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aigateway.redis.testing.RedisServer;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Two RedisSharedState instances on one redis-server, as two gateway replicas. */
class RedisSharedStateTest {
    private static RedisServer redis;
    private static int tests;

    private final String prefix = "replicas" + tests++ + ":";
    private final RedisSharedState replicaA = replica(prefix);
    private final RedisSharedState replicaB = replica(prefix);

    @BeforeAll
    static void startRedis() {
        redis = RedisServer.start();
    }

    @AfterAll
    static void stopRedis() {
        redis.close();
    }

    @AfterEach
    void closeReplicas() {
        replicaA.close();
        replicaB.close();
    }

    @Test
    void replicasSeeEachOthersWrites() {
        replicaA.put("cache:answer", bytes("42"), MINUTE);
        assertEquals("42", text(replicaB.get("cache:answer")));
        assertTtlAbout(MINUTE, replicaB.ttlMillis("cache:answer"));

        assertEquals(1, replicaA.increment("limit:k", 1, MINUTE));
        assertEquals(2, replicaB.increment("limit:k", 1, MINUTE));

        assertTrue(replicaB.putIfAbsent("breaker:probe", bytes("b"), MINUTE));
        assertFalse(replicaA.putIfAbsent("breaker:probe", bytes("a"), MINUTE));

        replicaB.delete("cache:answer");
        assertEquals(Optional.empty(), replicaA.get("cache:answer"));
    }

    @Test
    void replicasCountTogetherWithoutLosingIncrements() throws Exception {
        onAllThreads(thread -> () -> {
            RedisSharedState replica = thread % 2 == 0 ? replicaA : replicaB;
            for (int i = 0; i < 100; i++) {
                replica.increment("limit:k", 1, MINUTE);
            }
            return null;
        });

        assertEquals(1_600, replicaA.increment("limit:k", 0, MINUTE));
    }

    @Test
    void ofReplicasRacingForAProbeExactlyOneWins() throws Exception {
        for (int round = 0; round < 10; round++) {
            String key = "breaker:probe:" + round;
            List<Boolean> won = onAllThreads(thread ->
                    () -> (thread % 2 == 0 ? replicaA : replicaB).putIfAbsent(key, bytes("thread-" + thread), MINUTE));

            assertEquals(1, won.stream().filter(w -> w).count(), "round " + round);
            assertEquals("thread-" + won.indexOf(true), text(replicaB.get(key)));
        }
    }

    @Test
    void keysCarryThePrefixInRedis() {
        try (RedisSharedState raw = replica("");
                RedisSharedState otherDeployment = replica("other:")) {
            replicaA.put("cache:a", bytes("v"), MINUTE);

            assertEquals("v", text(raw.get(prefix + "cache:a")));
            assertEquals(Optional.empty(), raw.get("cache:a"));
            assertEquals(Optional.empty(), otherDeployment.get("cache:a"));
        }
    }

    @Test
    void theDefaultPrefixIsAigw() {
        try (RedisSharedState defaults = RedisSharedState.create(redis.url());
                RedisSharedState raw = replica("")) {
            defaults.put("default-prefix-test", bytes("v"), MINUTE);
            assertEquals("v", text(raw.get("aigw:default-prefix-test")));
            defaults.delete("default-prefix-test");
        }
    }

    @Test
    void aValueIsGoneAfterItsTtl() {
        replicaA.put("cache:short", bytes("v"), Duration.ofMillis(200));
        assertEquals("v", text(replicaB.get("cache:short")));

        awaitTrue(() -> replicaB.get("cache:short").isEmpty());
        assertEquals(OptionalLong.empty(), replicaA.ttlMillis("cache:short"));
        assertTrue(replicaA.putIfAbsent("cache:short", bytes("again"), MINUTE));
    }

    @Test
    void aCounterWindowEndsAtItsTtlAndTheNextStartsOver() {
        assertEquals(5, replicaA.increment("limit:k", 5, Duration.ofMillis(200)));
        // Increments during the window neither extend it nor survive it.
        assertEquals(6, replicaB.increment("limit:k", 1, MINUTE));
        assertTrue(replicaB.ttlMillis("limit:k").orElseThrow() <= 200);

        awaitTrue(() -> replicaA.ttlMillis("limit:k").isEmpty());
        assertEquals(1, replicaB.increment("limit:k", 1, MINUTE));
        assertTtlAbout(MINUTE, replicaA.ttlMillis("limit:k"));
    }

    @Test
    void theDatabaseInTheUrlSeparatesStores() {
        try (RedisSharedState database3 =
                RedisSharedState.builder(redis.url() + "/3").keyPrefix(prefix).build()) {
            database3.put("cache:a", bytes("in 3"), MINUTE);
            assertEquals(Optional.empty(), replicaA.get("cache:a"));
            assertEquals("in 3", text(database3.get("cache:a")));
        }
    }

    private static RedisSharedState replica(String prefix) {
        return RedisSharedState.builder(redis.url()).keyPrefix(prefix).build();
    }

    /** Polls a condition that Redis's clock makes true within a short TTL; 5 s at most. */
    private static void awaitTrue(BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "not true within 5 s");
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
