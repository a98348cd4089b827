package dev.aigateway.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aigateway.redis.testing.RedisServer;
import dev.aigateway.server.fakes.FaultyUpstream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two gateway servers, each with its own Redis client ({@code --redis}, as two replicas would be
 * started), share one real redis-server and so one circuit breaker: what one replica learns about
 * a failing target, the other acts on.
 */
class SharedBreakerTest {
    private static final String BREAKER = ",\"cb_config\":{\"failure_threshold\":2,\"cooldown_interval\":30000}";

    private RedisServer redis;
    private FaultBench bench;

    @BeforeEach
    void startRedis() {
        redis = RedisServer.start();
    }

    @AfterEach
    void stop() {
        bench.close();
        redis.close();
    }

    @Test
    void twentyRequestsAcrossTwoReplicasCallAFlappingPrimaryAtMostTenTimes() throws Exception {
        FaultyUpstream primary = FaultyUpstream.flapping();
        bench = new FaultBench(primary);
        GatewayServer a = bench.server("--redis", redis.url());
        GatewayServer b = bench.server("--redis", redis.url());
        String config = bench.config(BREAKER, "");

        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            statuses.add(bench.call(i % 2 == 0 ? a : b, config, false).status());
        }

        assertEquals(List.of(200), statuses.stream().distinct().toList());
        assertTrue(primary.calls() <= 10, "the primary was called " + primary.calls() + " times");
        assertEquals(4, primary.calls(), "the failures seen by both replicas add up in one breaker");
    }

    @Test
    void aBreakerOpenedThroughOneReplicaIsOpenOnTheOtherAndOnlyOneProbes() throws Exception {
        FaultyUpstream primary = FaultyUpstream.always(FaultyUpstream.Fault.UNAVAILABLE);
        bench = new FaultBench(primary);
        GatewayServer a = bench.server("--redis", redis.url());
        GatewayServer b = bench.server("--redis", redis.url());
        String config = bench.config(BREAKER, "");
        bench.call(a, config, false);
        bench.call(a, config, false);

        FaultBench.Reply onB = bench.call(b, config, false);
        bench.clock.advance(Duration.ofSeconds(31));
        bench.call(a, config, false); // A probes; the probe fails and the breaker opens again
        FaultBench.Reply afterProbe = bench.call(b, config, false);

        assertEquals(200, onB.status());
        assertEquals("config.targets[1]", onB.header("x-portkey-last-used-option-index"));
        assertEquals("config.targets[1]", afterProbe.header("x-portkey-last-used-option-index"));
        assertEquals(3, primary.calls(), "two failures through A, then A's probe; B never called it");
    }
}
