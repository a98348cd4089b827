package dev.aigateway.core.internal.pipeline;

import dev.aigateway.core.GatewayResponse;
import dev.aigateway.core.pipeline.CallInterceptor;
import dev.aigateway.core.pipeline.CallRequest;
import dev.aigateway.core.pipeline.Interceptor;
import dev.aigateway.core.pipeline.LeafRequest;
import dev.aigateway.core.pipeline.LeafResponse;
import java.util.List;

/** Runs requests through interceptor chains. */
public final class Pipeline {
    private Pipeline() {}

    /** Runs {@code interceptors} in order on a target's {@code request}; the last one must answer. */
    public static LeafResponse run(List<Interceptor> interceptors, LeafRequest request) {
        return new RealChain(interceptors, 0, request).proceed(request);
    }

    /** Runs the call chain {@code interceptors} on {@code request}; the last one must answer. */
    public static GatewayResponse call(List<CallInterceptor> interceptors, CallRequest request) {
        return new RealCallChain(interceptors, 0, request).proceed(request);
    }
}
