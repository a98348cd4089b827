package dev.aigateway.core.internal.pipeline;

import dev.aigateway.core.GatewayResponse;
import dev.aigateway.core.error.GatewayException;
import dev.aigateway.core.http.Headers;
import dev.aigateway.core.internal.Json;
import dev.aigateway.core.pipeline.CallInterceptor;
import dev.aigateway.core.pipeline.CallRequest;
import java.util.List;

/** Runs the call interceptors in order; the last one must answer without proceeding. */
final class RealCallChain implements CallInterceptor.Chain {
    private final List<CallInterceptor> interceptors;
    private final int index;
    private final CallRequest request;

    RealCallChain(List<CallInterceptor> interceptors, int index, CallRequest request) {
        this.interceptors = interceptors;
        this.index = index;
        this.request = request;
    }

    @Override
    public CallRequest request() {
        return request;
    }

    @Override
    public GatewayResponse proceed(CallRequest next) {
        if (index >= interceptors.size()) {
            throw new IllegalStateException("the last call interceptor must answer without proceeding");
        }
        CallInterceptor interceptor = interceptors.get(index);
        GatewayResponse response;
        try {
            response = interceptor.intercept(new RealCallChain(interceptors, index + 1, next));
        } catch (GatewayException e) {
            return failure(next, e);
        }
        if (response == null) {
            throw new IllegalStateException(
                    "call interceptor " + interceptor.getClass().getName() + " returned null");
        }
        return response;
    }

    /** A link's {@link GatewayException}, answered in the endpoint's format. */
    static GatewayResponse failure(CallRequest request, GatewayException e) {
        return new GatewayResponse.Complete(
                e.status(),
                Headers.of("content-type", "application/json"),
                Json.bytes(request.endpoint().format().failureBody(e.status(), e.getMessage())));
    }
}
