package dev.aigateway.core.routing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aigateway.core.GatewayRequest;
import dev.aigateway.core.GatewayResponse;
import dev.aigateway.core.config.PortkeyHeaders;
import dev.aigateway.core.config.RequestSettings;
import dev.aigateway.core.config.RetryConfig;
import dev.aigateway.core.config.StrategyMode;
import dev.aigateway.core.config.Target;
import dev.aigateway.core.error.ErrorBodies;
import dev.aigateway.core.error.GatewayException;
import dev.aigateway.core.http.Headers;
import dev.aigateway.core.json.Json;
import dev.aigateway.core.pipeline.Interceptor;
import dev.aigateway.core.pipeline.LeafRequest;
import dev.aigateway.core.pipeline.LeafResponse;
import dev.aigateway.core.pipeline.Pipeline;
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
 * Walks a config tree for one request (Portkey's {@code tryTargetsRecursively}): each node merges
 * what it inherits, a node with a strategy hands over to its {@link Route}, and a leaf runs the
 * interceptor chain against its provider. Thread-safe.
 */
public final class Router {
    private final Providers providers;
    private final List<Interceptor> interceptors;
    private final TransformContext transformContext;
    private final Map<StrategyMode, Route> routes = new EnumMap<>(StrategyMode.class);

    public Router(
            Providers providers,
            List<Interceptor> interceptors,
            RandomGenerator random,
            TransformContext transformContext) {
        this.providers = providers;
        this.interceptors = List.copyOf(interceptors);
        this.transformContext = transformContext;
        routes.put(StrategyMode.SINGLE, new SingleRoute());
        routes.put(StrategyMode.FALLBACK, new FallbackRoute());
        routes.put(StrategyMode.LOADBALANCE, new LoadBalanceRoute(random));
        routes.put(StrategyMode.CONDITIONAL, new ConditionalRoute());
    }

    /** Answers {@code request} by walking {@code settings.root()}. */
    public RoutedResponse route(GatewayRequest request, RequestSettings settings, ObjectNode params) {
        return route(settings.root(), Inherited.NONE, TargetPath.ROOT, new RouteContext(request, settings, params));
    }

    RoutedResponse route(Target node, Inherited inherited, TargetPath path, RouteContext context) {
        Inherited own = inherited.mergedWith(node);
        if (node.isLeaf()) {
            return leaf(node, own, path, context);
        }
        return routes.get(node.strategy().orElseThrow().mode()).route(node, own, path, context, this);
    }

    private RoutedResponse leaf(Target node, Inherited own, TargetPath path, RouteContext context) {
        String providerId = node.provider().orElseThrow();
        try {
            LeafRequest leaf = leafRequest(node, own, context, providerId);
            LeafResponse answer = Pipeline.run(interceptors, leaf);
            return new RoutedResponse(
                    answer.response(), path, Optional.of(providerId), answer.retryAttemptCount(), false, false);
        } catch (GatewayException e) {
            GatewayResponse failure = new GatewayResponse.Complete(
                    e.status(),
                    Headers.of("content-type", "application/json", PortkeyHeaders.GATEWAY_EXCEPTION, "true"),
                    Json.bytes(ErrorBodies.failure(e.getMessage())));
            return new RoutedResponse(failure, path, Optional.of(providerId), 0, true, false);
        }
    }

    private LeafRequest leafRequest(Target node, Inherited own, RouteContext context, String providerId) {
        Provider provider = providers
                .find(providerId)
                .orElseThrow(() -> new GatewayException(400, "Provider " + providerId + " not found"));
        RequestSettings settings = context.settings();
        ObjectNode params =
                own.overrideParams().map(o -> merged(context.params(), o)).orElse(context.params());
        ProviderOptions options = new ProviderOptions(
                providerId, node.apiKey(), settings.customHost().or(own::customHost), node.providerFields());
        boolean strict =
                !settings.strictOffByHeader() && own.strictOpenAiCompliance().orElse(true);
        ProviderRequest request = new ProviderRequest(
                context.request().endpoint(),
                options,
                params,
                params.path("stream").asBoolean(false),
                context.request().headers(),
                strict,
                transformContext);
        return new LeafRequest(
                provider,
                request,
                context.request().body(),
                own.overrideParams().isEmpty(),
                settings.requestTimeout().isPresent() ? settings.requestTimeout() : own.requestTimeout(),
                settings.forwardHeaders().or(own::forwardHeaders).orElse(List.of()),
                own.retry().orElse(RetryConfig.none()),
                context.request().cancellation());
    }

    private static ObjectNode merged(ObjectNode params, ObjectNode overrides) {
        ObjectNode merged = params.deepCopy();
        // A copy: the config tree is cached and shared by requests; these params are theirs to edit.
        merged.setAll(overrides.deepCopy());
        return merged;
    }
}
