package dev.aigateway.core.pipeline;

import dev.aigateway.core.GatewayResponse;

/**
 * A link of the chain around routing, run once per call (OkHttp's application interceptors). It
 * sees the parsed request and may answer without routing (a cache hit, a denial), change the
 * request ({@code chain.proceed(request.withParams(...))}), or inspect and replace the answer; for
 * a stream, {@link GatewayResponse.Streaming#withFilter} changes its events as they pass.
 *
 * <p>Links run in the order they were added: the first added sees the request first and the answer
 * last. A {@link dev.aigateway.core.error.GatewayException} thrown by a link becomes that link's
 * answer, a JSON error in the endpoint's format; any other exception is a bug and answers 500.
 * Never returns null. A link that proceeds more than once must discard every answer it does not
 * return ({@link GatewayResponse#discard()}).
 */
@FunctionalInterface
public interface CallInterceptor {
    GatewayResponse intercept(Chain chain);

    /** The rest of the chain, as seen from one link. */
    interface Chain {
        CallRequest request();

        /** Runs the remaining links, routing last, with {@code request}. */
        GatewayResponse proceed(CallRequest request);
    }
}
