package dev.aigateway.core.internal.routing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aigateway.core.Endpoint;
import dev.aigateway.core.GatewayResponse;
import dev.aigateway.core.config.PortkeyHeaders;
import dev.aigateway.core.config.RetryConfig;
import dev.aigateway.core.config.StrategyMode;
import dev.aigateway.core.config.Target;
import dev.aigateway.core.config.TargetPath;
import dev.aigateway.core.error.GatewayException;
import dev.aigateway.core.http.Headers;
import dev.aigateway.core.internal.Json;
import dev.aigateway.core.internal.pipeline.Pipeline;
import dev.aigateway.core.pipeline.CallRequest;
import dev.aigateway.core.pipeline.GatedTarget;
import dev.aigateway.core.pipeline.Interceptor;
import dev.aigateway.core.pipeline.LeafRequest;
import dev.aigateway.core.pipeline.LeafResponse;
import dev.aigateway.core.pipeline.TargetGate;
import dev.aigateway.core.provider.Provider;
import dev.aigateway.core.provider.ProviderOptions;
import dev.aigateway.core.provider.ProviderRequest;
import dev.aigateway.core.provider.Providers;
import dev.aigateway.core.provider.TransformContext;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Walks a config tree for one call (Portkey's {@code tryTargetsRecursively}): each node merges
 * what it inherits, a node with a strategy hands over to its {@link Route}, and a leaf runs the
 * target chain against its provider. Thread-safe.
 */
final class Router {
    private final Providers providers;
    private final List<Interceptor> targetChain;
    private final TransformContext transformContext;
    private final List<TargetGate> gates;
    private final Map<StrategyMode, Route> routes = new EnumMap<>(StrategyMode.class);

    /**
     * @param targetChain the links each leaf's call runs through, the provider call last
     * @param gates asked before fallback and loadbalance try a target
     */
    Router(
            Providers providers,
            List<Interceptor> targetChain,
            RandomGenerator random,
            TransformContext transformContext,
            List<TargetGate> gates) {
        this.providers = providers;
        this.targetChain = List.copyOf(targetChain);
        this.transformContext = transformContext;
        this.gates = List.copyOf(gates);
        routes.put(StrategyMode.SINGLE, new SingleRoute());
        routes.put(StrategyMode.FALLBACK, new FallbackRoute());
        routes.put(StrategyMode.LOADBALANCE, new LoadBalanceRoute(random));
        routes.put(StrategyMode.CONDITIONAL, new ConditionalRoute());
    }

    /** Answers {@code call} by walking {@code call.settings().root()}. */
    RoutedResponse route(CallRequest call) {
        return route(call.settings().root(), Inherited.NONE, TargetPath.ROOT, new RouteContext(call));
    }

    RoutedResponse route(Target node, Inherited inherited, TargetPath path, RouteContext context) {
        Inherited own = inherited.mergedWith(node);
        if (node.isLeaf()) {
            return leaf(node, own, path, context);
        }
        return routes.get(node.strategy().orElseThrow().mode()).route(node, own, path, context, this);
    }

    /**
     * What the gates say about trying target {@code index} of {@code node} now; {@link
     * TargetGate.Pass#OPEN} when there are none.
     */
    TargetGate.Pass admit(Target node, int index, Inherited own, TargetPath path, RouteContext context) {
        if (gates.isEmpty()) {
            return TargetGate.Pass.OPEN;
        }
        GatedTarget target = new GatedTarget(
                context.call(), path.child(index), node.targets().get(index), own.circuitBreaker());
        if (gates.size() == 1) {
            return gates.get(0).admit(target);
        }
        return GatePasses.all(gates, target);
    }

    /** Routes target {@code index} of {@code node}, and tells {@code pass} how it answered. */
    RoutedResponse tryTarget(
            Target node, int index, Inherited own, TargetPath path, RouteContext context, TargetGate.Pass pass) {
        RoutedResponse routed = route(node.targets().get(index), own, path.child(index), context);
        if (pass == TargetGate.Pass.OPEN || context.cancellation().isCancelled()) {
            return routed;
        }
        return routed.withResponse(pass.answered(routed.response()));
    }

    private RoutedResponse leaf(Target node, Inherited own, TargetPath path, RouteContext context) {
        String providerId = node.provider().orElseThrow();
        try {
            LeafRequest leaf = leafRequest(node, own.overriddenBy(context.call().settings()), path, context);
            LeafResponse answer = Pipeline.run(targetChain, leaf);
            return new RoutedResponse(
                    answer.response(), path, Optional.of(providerId), answer.retryAttemptCount(), false, false);
        } catch (GatewayException e) {
            GatewayResponse failure = new GatewayResponse.Complete(
                    e.status(),
                    Headers.of("content-type", "application/json", PortkeyHeaders.GATEWAY_EXCEPTION, "true"),
                    Json.bytes(context.call().endpoint().format().failureBody(e.status(), e.getMessage())));
            return new RoutedResponse(failure, path, Optional.of(providerId), 0, true, false, e.movesFallbackOn());
        }
    }

    /** The leaf's call, with {@code own} already holding the caller's header overrides. */
    private LeafRequest leafRequest(Target node, Inherited own, TargetPath path, RouteContext context) {
        CallRequest call = context.call();
        // The config parser admits only registered providers.
        Provider provider = providers.find(node.provider().orElseThrow()).orElseThrow();
        ObjectNode params =
                own.overrideParams().map(o -> merged(call.params(), o)).orElse(call.params());
        ProviderOptions options =
                new ProviderOptions(provider.id(), node.apiKey(), own.customHost(), node.providerFields());
        ProviderRequest request = new ProviderRequest(
                call.endpoint(),
                options,
                params,
                call.endpoint().body() != Endpoint.Body.NONE
                        && params.path("stream").asBoolean(false),
                call.headers(),
                own.strictOpenAiCompliance().orElse(true),
                transformContext,
                call.target(),
                call.rawBody());
        return LeafRequest.builder(path, provider, request, call.call())
                .callerBody(own.overrideParams().isEmpty() ? call.callerBody() : Optional.empty())
                .timeoutMillis(own.requestTimeout())
                .forwardHeaders(own.forwardHeaders().orElse(List.of()))
                .retry(own.retry().orElse(RetryConfig.none()))
                .cancellation(context.cancellation())
                .listener(context.listener())
                .streamIdleTimeoutMillis(own.effectiveStreamIdleTimeout())
                .cache(own.cache())
                .build();
    }

    private static ObjectNode merged(ObjectNode params, ObjectNode overrides) {
        ObjectNode merged = params.deepCopy();
        merged.setAll(overrides); // the target's overrides are a copy already: the tree is shared
        return merged;
    }
}
