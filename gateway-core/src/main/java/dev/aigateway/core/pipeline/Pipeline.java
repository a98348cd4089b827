package dev.aigateway.core.pipeline;

import java.util.List;

/** Runs a leaf request through an interceptor chain. */
public final class Pipeline {
    private Pipeline() {}

    /** Runs {@code interceptors} in order on {@code request}; the last one must answer. */
    public static LeafResponse run(List<Interceptor> interceptors, LeafRequest request) {
        return new RealChain(interceptors, 0, request).proceed(request);
    }
}
