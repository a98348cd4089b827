package dev.aigateway.core.pipeline;

/**
 * A link of the chain that runs one target's call, in OkHttp's shape: observe or change the
 * request, call {@link Chain#proceed}, observe or change the answer, or answer without proceeding.
 * Added with {@code Gateway.Builder.addTargetInterceptor}, a link runs once per target tried,
 * around its retries; with {@code addAttemptInterceptor}, once per attempt, inside retry (it then
 * sees {@link LeafRequest#attempt()} grow). Never returns null.
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
