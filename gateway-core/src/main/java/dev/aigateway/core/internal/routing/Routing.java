package dev.aigateway.core.internal.routing;

import dev.aigateway.core.GatewayResponse;
import dev.aigateway.core.config.PortkeyHeaders;
import dev.aigateway.core.http.Headers;
import dev.aigateway.core.pipeline.CallInterceptor;
import dev.aigateway.core.pipeline.Interceptor;
import dev.aigateway.core.pipeline.TargetGate;
import dev.aigateway.core.provider.Providers;
import dev.aigateway.core.provider.TransformContext;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The last link of the call chain: routes the call across the config's targets and says in the
 * answer's headers which target answered ({@code x-portkey-last-used-option-index}), how often it
 * was retried and with which provider. Internal: built by the gateway.
 */
public final class Routing implements CallInterceptor {
    /**
     * Honoured by OpenAI's SDKs: {@code false} stops their own retries on top of the gateway's
     * once the config's retries or fallbacks are spent.
     */
    static final String SHOULD_RETRY = "x-should-retry";

    private final Router router;

    /** @param targetChain the links each target's call runs through, the provider call last */
    public Routing(
            Providers providers,
            List<Interceptor> targetChain,
            RandomGenerator random,
            TransformContext transformContext) {
        this(providers, targetChain, random, transformContext, List.of());
    }

    /**
     * @param targetChain the links each target's call runs through, the provider call last
     * @param gates asked before fallback and loadbalance try a target
     */
    public Routing(
            Providers providers,
            List<Interceptor> targetChain,
            RandomGenerator random,
            TransformContext transformContext,
            List<TargetGate> gates) {
        this.router = new Router(providers, targetChain, random, transformContext, gates);
    }

    @Override
    public GatewayResponse intercept(Chain chain) {
        RoutedResponse routed = router.route(chain.request());
        if (routed.gatewayException()) {
            return routed.response();
        }
        Headers.Builder headers = routed.response().headers().newBuilder();
        headers.set(PortkeyHeaders.LAST_USED_OPTION_INDEX, routed.path().value())
                .set(PortkeyHeaders.RETRY_ATTEMPT_COUNT, Integer.toString(routed.retryAttemptCount()));
        routed.provider().ifPresent(provider -> headers.set(PortkeyHeaders.PROVIDER, provider));
        if (routed.strategyExhausted()) {
            headers.set(SHOULD_RETRY, "false");
        }
        return routed.response().withHeaders(headers.build());
    }
}
