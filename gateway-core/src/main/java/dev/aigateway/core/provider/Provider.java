package dev.aigateway.core.provider;

import dev.aigateway.core.Endpoint;
import java.util.Optional;

/**
 * One LLM provider: how to reach it ({@link ProviderApi}) and how to translate each unified
 * endpoint it supports ({@link EndpointTransform}). Implementations are stateless and thread-safe;
 * per-stream state lives in the {@link StreamTransform} each stream gets.
 */
public interface Provider {
    /** The provider slug used in configs and headers, e.g. {@code google}. */
    String id();

    ProviderApi api();

    /** The transforms for {@code endpoint}, or empty when this provider does not support it. */
    Optional<EndpointTransform> transform(Endpoint endpoint);
}
