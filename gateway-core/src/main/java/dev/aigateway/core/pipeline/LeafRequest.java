package dev.aigateway.core.pipeline;

import dev.aigateway.core.Cancellation;
import dev.aigateway.core.config.RetryConfig;
import dev.aigateway.core.provider.Provider;
import dev.aigateway.core.provider.ProviderRequest;
import java.util.List;
import java.util.OptionalLong;

/**
 * One leaf target's call, with everything inherited down the config tree resolved.
 *
 * @param callerBody the caller's body bytes, sent as they are when nothing changed them
 * @param paramsUnchanged whether {@code providerRequest.params()} still equals the caller's body
 *     (no {@code override_params})
 * @param timeoutMillis the per-attempt timeout
 * @param forwardHeaders names of caller headers copied to the upstream request
 */
public record LeafRequest(
        Provider provider,
        ProviderRequest providerRequest,
        byte[] callerBody,
        boolean paramsUnchanged,
        OptionalLong timeoutMillis,
        List<String> forwardHeaders,
        RetryConfig retry,
        Cancellation cancellation) {}
