package dev.aigateway.core.internal.pipeline;

import dev.aigateway.core.pipeline.Interceptor;
import dev.aigateway.core.pipeline.LeafRequest;
import dev.aigateway.core.pipeline.LeafResponse;
import java.util.List;

/** Runs the interceptors in order; the last one must answer without proceeding. */
final class RealChain implements Interceptor.Chain {
    private final List<Interceptor> interceptors;
    private final int index;
    private final LeafRequest request;

    RealChain(List<Interceptor> interceptors, int index, LeafRequest request) {
        this.interceptors = interceptors;
        this.index = index;
        this.request = request;
    }

    @Override
    public LeafRequest request() {
        return request;
    }

    @Override
    public LeafResponse proceed(LeafRequest next) {
        if (index >= interceptors.size()) {
            throw new IllegalStateException("the last interceptor must answer without proceeding");
        }
        Interceptor interceptor = interceptors.get(index);
        LeafResponse response = interceptor.intercept(new RealChain(interceptors, index + 1, next));
        if (response == null) {
            throw new IllegalStateException(
                    "interceptor " + interceptor.getClass().getSimpleName() + " returned null");
        }
        return response;
    }
}
