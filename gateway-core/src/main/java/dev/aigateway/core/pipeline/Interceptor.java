package dev.aigateway.core.pipeline;

/**
 * One link of the chain that runs a leaf call, in OkHttp's shape: observe or change the request,
 * call {@link Chain#proceed} (retry may call it more than once), observe or change the answer.
 * Never returns null.
 */
@FunctionalInterface
public interface Interceptor {
    LeafResponse intercept(Chain chain);

    /** The rest of the chain, as seen from one link. */
    interface Chain {
        LeafRequest request();

        /** Runs the remaining links with {@code request}. */
        LeafResponse proceed(LeafRequest request);
    }
}
