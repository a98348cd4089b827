package dev.aigateway.core.internal.routing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aigateway.core.config.CacheConfig;
import dev.aigateway.core.config.CircuitBreakerConfig;
import dev.aigateway.core.config.RequestSettings;
import dev.aigateway.core.config.RetryConfig;
import dev.aigateway.core.config.StrategyMode;
import dev.aigateway.core.config.Target;
import dev.aigateway.core.config.TargetExtensions;
import dev.aigateway.core.internal.Json;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The settings a node receives from its ancestors, merged with its own as Portkey does:
 * {@code override_params} merge shallowly (the child wins per key); {@code retry} and
 * {@code cache} are replaced whole; timeouts, custom host, forward headers and strict mode are the
 * child's when set, else the parent's. Provider, credentials and weight are never inherited. A
 * strategy's {@code cb_config} holds for its targets and the strategies below that set none,
 * except below a conditional strategy, which passes none on. Extension settings merge by their
 * keys' rules ({@link TargetExtensions#mergedWith}).
 */
record Inherited(
        Optional<ObjectNode> overrideParams,
        Optional<RetryConfig> retry,
        Optional<CacheConfig> cache,
        OptionalLong requestTimeout,
        Optional<String> customHost,
        Optional<List<String>> forwardHeaders,
        Optional<Boolean> strictOpenAiCompliance,
        OptionalLong streamIdleTimeout,
        Optional<CircuitBreakerConfig> circuitBreaker,
        TargetExtensions extensions) {

    static final Inherited NONE = new Inherited(
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            OptionalLong.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            OptionalLong.empty(),
            Optional.empty(),
            TargetExtensions.NONE);

    /** What {@code node} itself works with: this merged with the node's own settings. */
    Inherited mergedWith(Target node) {
        return new Inherited(
                mergeOverrides(overrideParams, node.overrideParams()),
                node.retry().or(() -> retry),
                node.cache().or(() -> cache),
                node.requestTimeout().isPresent() ? node.requestTimeout() : requestTimeout,
                node.customHost().or(() -> customHost),
                node.forwardHeaders().or(() -> forwardHeaders),
                node.strictOpenAiCompliance().or(() -> strictOpenAiCompliance),
                node.streamIdleTimeout().isPresent() ? node.streamIdleTimeout() : streamIdleTimeout,
                breakerFor(node),
                extensions.mergedWith(node.extensions()));
    }

    private Optional<CircuitBreakerConfig> breakerFor(Target node) {
        if (node.strategy().isEmpty()) {
            return circuitBreaker;
        }
        if (node.strategy().get().mode() == StrategyMode.CONDITIONAL) {
            return Optional.empty();
        }
        return node.strategy().get().circuitBreaker().or(() -> circuitBreaker);
    }

    /**
     * The gap allowed between a stream's events: {@code stream_idle_timeout} where the config sets
     * one, else the request timeout.
     */
    OptionalLong effectiveStreamIdleTimeout() {
        return streamIdleTimeout.isPresent() ? streamIdleTimeout : requestTimeout;
    }

    /**
     * These settings with what the caller's {@code x-portkey-*} headers say put over them: a
     * timeout, custom host, forward-header list or strict mode sent as a header applies to every
     * target, whatever the config says at any level.
     */
    Inherited overriddenBy(RequestSettings headers) {
        return new Inherited(
                overrideParams,
                retry,
                cache,
                headers.requestTimeout().isPresent() ? headers.requestTimeout() : requestTimeout,
                headers.customHost().or(() -> customHost),
                headers.forwardHeaders().or(() -> forwardHeaders),
                headers.strictOffByHeader() ? Optional.of(false) : strictOpenAiCompliance,
                streamIdleTimeout,
                circuitBreaker,
                extensions);
    }

    private static Optional<ObjectNode> mergeOverrides(Optional<ObjectNode> parent, Optional<ObjectNode> child) {
        if (parent.isEmpty() || child.isEmpty()) {
            return child.or(() -> parent);
        }
        ObjectNode merged = Json.object();
        merged.setAll(parent.get());
        merged.setAll(child.get());
        return Optional.of(merged);
    }
}
