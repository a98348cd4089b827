package dev.aigateway.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.aigateway.core.state.InMemorySharedState;
import dev.aigateway.core.state.SharedState;
import dev.aigateway.redis.RedisSharedState;
import dev.aigateway.redis.testing.RedisServer;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The server's one wiring point: where the shared state lives, and that it closes with the gateway. */
class GatewayAssemblyTest {
    @Test
    void withoutRedisTheStateIsInThisProcess() {
        try (SharedState state = GatewayAssembly.sharedState(ServerOptions.parse(new String[0], Map.of()))) {
            assertInstanceOf(InMemorySharedState.class, state);
        }
    }

    @Test
    void withRedisTheStateIsSharedThroughIt() {
        try (RedisServer redis = RedisServer.start();
                SharedState state = GatewayAssembly.sharedState(
                        ServerOptions.parse(new String[] {"--redis", redis.url()}, Map.of()))) {
            assertInstanceOf(RedisSharedState.class, state);
            assertEquals(1, state.increment("assembly-test", 1, Duration.ofSeconds(5)));
        }
    }

    @Test
    void theRedisUrlComesFromTheEnvironmentToo() {
        ServerOptions options =
                ServerOptions.parse(new String[0], Map.of("GATEWAY_REDIS_URL", "redis://127.0.0.1:6399"));

        assertEquals("redis://127.0.0.1:6399", options.redisUrl().orElseThrow());
    }

    @Test
    void aRedisUrlThatIsNotOneIsRefusedWithoutQuotingIt() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> ServerOptions.parse(new String[] {"--redis", "http://user:secret@host"}, Map.of()));

        assertEquals("--redis must be a redis:// or rediss:// URL", e.getMessage());
        assertFalse(e.getMessage().contains("secret"));
    }
}
