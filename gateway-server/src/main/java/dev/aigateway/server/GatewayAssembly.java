package dev.aigateway.server;

import dev.aigateway.core.Gateway;
import dev.aigateway.core.breaker.CircuitBreaker;
import dev.aigateway.core.cache.CacheStore;
import dev.aigateway.core.cache.ResponseCache;
import dev.aigateway.core.hooks.Guardrails;
import dev.aigateway.core.pipeline.Sleeper;
import dev.aigateway.core.state.InMemorySharedState;
import dev.aigateway.core.state.SharedState;
import dev.aigateway.redis.RedisSharedState;
import java.time.Clock;

/**
 * Builds the gateway that {@code java -jar gateway-server.jar} serves: the one place where the
 * server's features (limits, cache, breaker, metrics, ...) are wired into gateway-core, each as an
 * interceptor or a listener on the builder. The state that replicas share lives in Redis when
 * {@code --redis} names one, else in this process.
 */
final class GatewayAssembly {
    private GatewayAssembly() {}

    /** The gateway for {@code options}; closing it closes the shared state too. */
    static Gateway build(ServerOptions options) {
        return build(options, Clock.systemUTC(), Sleeper.SYSTEM);
    }

    /** As {@link #build(ServerOptions)}, on the time and waits a test controls. */
    static Gateway build(ServerOptions options, Clock clock, Sleeper sleeper) {
        return build(options, clock, sleeper, ServerObservability.create(options));
    }

    /** As {@link #build(ServerOptions, Clock, Sleeper)}, with metrics, logs and traces as given. */
    static Gateway build(ServerOptions options, Clock clock, Sleeper sleeper, ServerObservability observability) {
        SharedState state = sharedState(options);
        Gateway.Builder builder =
                Gateway.builder().closeWith(state).clock(clock).sleeper(sleeper);
        // Server features register on the builder here, with `state` where replicas must agree.
        // Metrics, the access log, traces and the console: first, so that they see every answer.
        observability.install(builder);
        builder.addTargetGate(observability.watch(CircuitBreaker.create(state, clock))); // strategy.cb_config
        builder.addTargetInterceptor(responseCache(options, state, clock));
        // Config hooks and guardrails (input_guardrails, before_request_hooks, ...): the first link
        // of each target; webhook, log and jwt checks call out under the custom-host rules.
        builder.guardrails(Guardrails.builder().clock(clock).build());
        // Gateway keys, named configs and per-key limits from the config file (--config).
        options.configFile().ifPresent(file -> ConfigFileFeatures.install(builder, file, state));
        return builder.build();
    }

    /** The response cache: in Redis with the other shared state when there is one, else in memory. */
    static ResponseCache responseCache(ServerOptions options, SharedState state, Clock clock) {
        return ResponseCache.builder()
                .clock(clock)
                .store(
                        options.redisUrl().isPresent()
                                ? CacheStore.shared(state)
                                : CacheStore.inMemory(ResponseCache.DEFAULT_MEMORY_BYTES))
                .build();
    }

    /** Redis when the options name one, else memory. */
    static SharedState sharedState(ServerOptions options) {
        return options.redisUrl().isPresent()
                ? RedisSharedState.create(options.redisUrl().get())
                : InMemorySharedState.create();
    }
}
