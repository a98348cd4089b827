package dev.aigateway.core.breaker;

import static dev.aigateway.core.testing.OpenAiFakes.CHAT_BODY;
import static dev.aigateway.core.testing.ScriptedUpstream.always;
import static dev.aigateway.core.testing.ScriptedUpstream.flapping;
import static dev.aigateway.core.testing.ScriptedUpstream.target;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aigateway.core.Cancellation;
import dev.aigateway.core.Endpoint;
import dev.aigateway.core.Gateway;
import dev.aigateway.core.GatewayRequest;
import dev.aigateway.core.GatewayResponse;
import dev.aigateway.core.config.ConfigParser;
import dev.aigateway.core.config.CustomHostValidator;
import dev.aigateway.core.config.Target;
import dev.aigateway.core.config.TargetPath;
import dev.aigateway.core.event.CallInfo;
import dev.aigateway.core.event.EventListener;
import dev.aigateway.core.http.Headers;
import dev.aigateway.core.pipeline.CallRequest;
import dev.aigateway.core.pipeline.GatedTarget;
import dev.aigateway.core.pipeline.TargetGate;
import dev.aigateway.core.provider.Providers;
import dev.aigateway.core.state.InMemorySharedState;
import dev.aigateway.core.state.SharedState;
import dev.aigateway.core.state.SharedStateUnavailableException;
import dev.aigateway.core.testing.MutableClock;
import dev.aigateway.core.testing.ScriptedUpstream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Portkey's {@code cb_config} on fallback and loadbalance, with state in memory and a clock moved by hand. */
class CircuitBreakerTest {
    private static final String BREAKER = "\"cb_config\":{\"failure_threshold\":2,\"cooldown_interval\":30000}";

    private final ScriptedUpstream upstream = new ScriptedUpstream();
    private final MutableClock clock = MutableClock.atEpochSecond(1_700_000_000L);
    private final InMemorySharedState state = InMemorySharedState.create();
    private final Gateway gateway = Gateway.builder()
            .upstream(upstream)
            .sleeper(d -> {})
            .addTargetGate(CircuitBreaker.create(state, clock))
            .closeWith(state)
            .build();

    @AfterEach
    void close() {
        gateway.close();
    }

    private GatewayResponse chat(String config) {
        return gateway.handle(GatewayRequest.builder(Endpoint.CHAT_COMPLETE)
                .config(config)
                .body(CHAT_BODY)
                .build());
    }

    private static String fallback(String breaker, String... targets) {
        return "{\"strategy\":{\"mode\":\"fallback\"" + breaker + "},\"targets\":[" + String.join(",", targets) + "]}";
    }

    private static String index(GatewayResponse response) {
        return response.headers().value("x-portkey-last-used-option-index");
    }

    @Test
    void aFlappingPrimaryIsCalledAtMostTenTimesInTwentyRequestsAndAllSucceed() {
        upstream.on("primary", flapping());
        String config = fallback("," + BREAKER, target("primary", "k"), target("secondary", "k"));

        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            statuses.add(chat(config).status());
        }

        assertEquals(List.of(200), statuses.stream().distinct().toList());
        assertEquals(4, upstream.calls("primary"), "ok, fail, ok, fail: open for the cooldown");
        assertEquals(18, upstream.calls("secondary"));
    }

    @Test
    void anOpenTargetIsSkippedAndTheIndexHeaderNamesTheOriginalIndex() {
        upstream.on("primary", always(503));
        String config = fallback("," + BREAKER, target("primary", "k"), target("secondary", "k"));
        chat(config);
        chat(config);

        GatewayResponse skipped = chat(config);

        assertEquals(200, skipped.status());
        assertEquals("config.targets[1]", index(skipped));
        assertEquals(2, upstream.calls("primary"));
        assertEquals(List.of("primary", "secondary", "primary", "secondary", "secondary"), upstream.order());
    }

    @Test
    void afterTheCooldownOneProbeGoesThroughAndASuccessClosesTheBreaker() {
        upstream.on("primary", n -> n <= 2 ? 500 : 200);
        String config = fallback("," + BREAKER, target("primary", "k"), target("secondary", "k"));
        chat(config);
        chat(config);
        chat(config); // open: secondary only
        clock.advance(Duration.ofSeconds(29));
        chat(config); // still open
        assertEquals(2, upstream.calls("primary"));

        clock.advance(Duration.ofSeconds(2));
        GatewayResponse probe = chat(config);
        GatewayResponse closed = chat(config);

        assertEquals("config.targets[0]", index(probe));
        assertEquals("config.targets[0]", index(closed));
        assertEquals(4, upstream.calls("primary"));
    }

    @Test
    void aFailedProbeOpensTheBreakerForAnotherCooldown() {
        upstream.on("primary", always(500));
        String config = fallback("," + BREAKER, target("primary", "k"), target("secondary", "k"));
        chat(config);
        chat(config);
        clock.advance(Duration.ofSeconds(31));

        chat(config); // the probe fails
        chat(config);
        clock.advance(Duration.ofSeconds(20));
        chat(config);

        assertEquals(3, upstream.calls("primary"), "two to open, one probe, then open again");
    }

    @Test
    void whileOneRequestProbesTheOthersStillSkipTheTarget() {
        upstream.on("primary", always(500));
        String config = fallback("," + BREAKER, target("primary", "k"), target("secondary", "k"));
        chat(config);
        chat(config);
        clock.advance(Duration.ofSeconds(31));
        CircuitBreaker breaker = CircuitBreaker.create(state, clock);
        Target root =
                new ConfigParser(Providers.defaults(), CustomHostValidator.create(Optional.empty())).parse(config);
        GatedTarget primary = new GatedTarget(
                call(),
                TargetPath.ROOT.child(0),
                root.targets().get(0),
                root.strategy().orElseThrow().circuitBreaker());

        TargetGate.Pass first = breaker.admit(primary);
        TargetGate.Pass second = breaker.admit(primary);

        assertTrue(first.allowed(), "the first request after the cooldown probes");
        assertFalse(second.allowed(), "the others skip the target while the probe runs");
        first.answered(new GatewayResponse.Complete(200, Headers.empty(), new byte[0]));
        assertTrue(breaker.admit(primary).allowed(), "the probe succeeded: closed");
    }

    private static CallRequest call() {
        return new CallRequest(
                Endpoint.CHAT_COMPLETE,
                "/v1/chat/completions",
                Headers.empty(),
                new byte[0],
                Optional.empty(),
                headers -> {
                    throw new AssertionError("not needed");
                },
                Cancellation.none(),
                new CallInfo("t", Endpoint.CHAT_COMPLETE, "/v1/chat/completions", Instant.EPOCH, 0),
                EventListener.NONE);
    }

    @Test
    void whenEveryTargetIsOpenTheBreakerIsBypassed() {
        upstream.on("primary", always(500)).on("secondary", always(502));
        String config = fallback("," + BREAKER, target("primary", "k"), target("secondary", "k"));
        chat(config);
        chat(config);

        GatewayResponse bypassed = chat(config);

        assertEquals(502, bypassed.status());
        assertEquals("config.targets[1]", index(bypassed));
        assertEquals(3, upstream.calls("primary"));
        assertEquals(3, upstream.calls("secondary"));
    }

    @Test
    void tenantsWithOtherKeysHaveTheirOwnBreakers() {
        upstream.on("primary", always(500));
        String tenantA = fallback("," + BREAKER, target("primary", "key-a"), target("secondary", "key-a"));
        String tenantB = fallback("," + BREAKER, target("primary", "key-b"), target("secondary", "key-b"));
        chat(tenantA);
        chat(tenantA);
        chat(tenantA); // A's primary is open

        chat(tenantB);

        assertEquals(3, upstream.calls("primary"), "B's first request still tries its primary");
    }

    @Test
    void theFailureRateOpensOnceTheMinimumNumberOfAnswersIsReached() {
        upstream.on("primary", flapping());
        String config = fallback(
                ",\"cb_config\":{\"failure_threshold_percentage\":50,\"minimum_requests\":6,\"cooldown_interval\":30000}",
                target("primary", "k"),
                target("secondary", "k"));

        for (int i = 0; i < 10; i++) {
            chat(config);
        }

        assertEquals(6, upstream.calls("primary"), "50% of 6 answers: open after the sixth");
    }

    @Test
    void onlyTheListedStatusesCountWhenFailureStatusCodesAreGiven() {
        upstream.on("primary", always(500));
        String config = fallback(
                ",\"cb_config\":{\"failure_threshold\":2,\"cooldown_interval\":30000,\"failure_status_codes\":[429]}",
                target("primary", "k"),
                target("secondary", "k"));

        for (int i = 0; i < 5; i++) {
            chat(config);
        }

        assertEquals(5, upstream.calls("primary"));
    }

    @Test
    void nestedStrategiesInheritTheBreakerAndConditionalOnesPassNoneOn() {
        upstream.on("a", always(500)).on("c", always(500));
        String config = "{\"strategy\":{\"mode\":\"fallback\"," + BREAKER + "},\"targets\":["
                + "{\"strategy\":{\"mode\":\"fallback\"},\"targets\":[" + target("a", "k") + "," + target("b", "k")
                + "]}]}";
        String viaConditional = "{\"strategy\":{\"mode\":\"fallback\"," + BREAKER + "},\"targets\":["
                + "{\"strategy\":{\"mode\":\"conditional\",\"conditions\":[{\"query\":{\"params.model\":\"gpt-4o\"},"
                + "\"then\":\"x\"}]},\"targets\":[{\"name\":\"x\",\"strategy\":{\"mode\":\"fallback\"},\"targets\":["
                + target("c", "k") + "," + target("d", "k") + "]}]}]}";

        for (int i = 0; i < 4; i++) {
            chat(config);
            chat(viaConditional);
        }

        assertEquals(2, upstream.calls("a"), "the nested fallback inherited the breaker");
        assertEquals(4, upstream.calls("c"), "below a conditional strategy no breaker applies");
    }

    @Test
    void loadbalanceSkipsAnOpenTarget() {
        upstream.on("primary", always(500));
        String config = "{\"strategy\":{\"mode\":\"loadbalance\"," + BREAKER + "},\"targets\":["
                + target("primary", "k").replace("}", ",\"weight\":1000}") + "," + target("secondary", "k") + "]}";

        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            statuses.add(chat(config).status());
        }

        assertEquals(List.of(500, 500, 200, 200, 200, 200), statuses);
        assertEquals(2, upstream.calls("primary"));
    }

    @Test
    void aNestedStrategyWhoseTargetsAreAllOpenIsSkipped() {
        upstream.on("a", always(500)).on("b", always(500));
        String config = "{\"strategy\":{\"mode\":\"fallback\"," + BREAKER + "},\"targets\":["
                + "{\"strategy\":{\"mode\":\"loadbalance\"},\"targets\":[" + target("a", "k") + "," + target("b", "k")
                + "]}," + target("c", "k") + "]}";

        for (int i = 0; i < 8; i++) {
            chat(config);
        }
        int before = upstream.calls("a") + upstream.calls("b");
        GatewayResponse skipped = chat(config);

        assertEquals(4, before, "each opened after two failures");
        assertEquals(4, upstream.calls("a") + upstream.calls("b"));
        assertEquals("config.targets[1]", index(skipped));
    }

    @Test
    void whenTheStateStoreIsDownEveryTargetIsLetThrough() {
        upstream.on("primary", always(500));
        SharedState down = unavailable();
        String config = fallback("," + BREAKER, target("primary", "k"), target("secondary", "k"));

        try (Gateway failingOpen = Gateway.builder()
                .upstream(upstream)
                .sleeper(d -> {})
                .addTargetGate(CircuitBreaker.create(down, clock))
                .build()) {
            for (int i = 0; i < 4; i++) {
                assertEquals(
                        200,
                        failingOpen
                                .handle(GatewayRequest.builder(Endpoint.CHAT_COMPLETE)
                                        .config(config)
                                        .body(CHAT_BODY)
                                        .build())
                                .status());
            }
        }

        assertEquals(4, upstream.calls("primary"), "fail open: no breaker without its state");
    }

    /** A store whose every operation fails as an unreachable Redis does. */
    private static SharedState unavailable() {
        return (SharedState) java.lang.reflect.Proxy.newProxyInstance(
                SharedState.class.getClassLoader(), new Class<?>[] {SharedState.class}, (proxy, method, args) -> {
                    if (method.getName().equals("close")) {
                        return null;
                    }
                    throw new SharedStateUnavailableException("redis at 127.0.0.1:1 is unavailable");
                });
    }

    @Test
    void withoutCbConfigNothingIsSkippedAndNothingStored() {
        upstream.on("primary", always(500));
        String config = fallback("", target("primary", "k"), target("secondary", "k"));

        for (int i = 0; i < 5; i++) {
            chat(config);
        }

        assertEquals(5, upstream.calls("primary"));
        assertTrue(state.get("anything").isEmpty());
    }
}
