package dev.aigateway.redis;

import dev.aigateway.core.state.SharedState;
import dev.aigateway.redis.testing.RedisServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The contract on a real redis-server; each test gets its own key prefix, so nothing carries over. */
class RedisSharedStateContractTest extends SharedStateContract {
    private static RedisServer redis;
    private static int tests;

    @BeforeAll
    static void startRedis() {
        redis = RedisServer.start();
    }

    @AfterAll
    static void stopRedis() {
        redis.close();
    }

    @Override
    SharedState newState() {
        return RedisSharedState.builder(redis.url())
                .keyPrefix("contract" + tests++ + ":")
                .build();
    }
}
