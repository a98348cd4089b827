package dev.aigateway.server;

import dev.aigateway.core.Gateway;
import dev.aigateway.core.state.InMemorySharedState;
import dev.aigateway.core.state.SharedState;
import dev.aigateway.redis.RedisSharedState;

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
        SharedState state = sharedState(options);
        Gateway.Builder builder = Gateway.builder().closeWith(state);
        // Server features register on the builder here, with `state` where replicas must agree.
        // Gateway keys, named configs and per-key limits from the config file (--config).
        options.configFile().ifPresent(file -> ConfigFileFeatures.install(builder, file, state));
        return builder.build();
    }

    /** Redis when the options name one, else memory. */
    static SharedState sharedState(ServerOptions options) {
        return options.redisUrl().isPresent()
                ? RedisSharedState.create(options.redisUrl().get())
                : InMemorySharedState.create();
    }
}
