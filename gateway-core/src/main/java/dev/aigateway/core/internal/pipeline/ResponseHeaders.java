package dev.aigateway.core.internal.pipeline;

import dev.aigateway.core.GatewayResponse;
import dev.aigateway.core.config.PortkeyHeaders;
import dev.aigateway.core.http.Headers;
import dev.aigateway.core.pipeline.CallInterceptor;

/**
 * The first link of the call chain: every answer, short-circuited or routed, carries the call's
 * {@code x-portkey-trace-id}; answers of a target (not the gateway's own failures) also say
 * {@code x-portkey-cache-status}, {@code DISABLED} unless a cache said otherwise.
 */
public final class ResponseHeaders implements CallInterceptor {
    static final String CACHE_DISABLED = "DISABLED";

    @Override
    public GatewayResponse intercept(Chain chain) {
        GatewayResponse response = chain.proceed(chain.request());
        Headers.Builder headers = response.headers().newBuilder();
        headers.set(PortkeyHeaders.TRACE_ID, chain.request().call().traceId());
        if (response.headers().contains(PortkeyHeaders.LAST_USED_OPTION_INDEX)
                && !response.headers().contains(PortkeyHeaders.CACHE_STATUS)) {
            headers.set(PortkeyHeaders.CACHE_STATUS, CACHE_DISABLED);
        }
        return response.withHeaders(headers.build());
    }
}
