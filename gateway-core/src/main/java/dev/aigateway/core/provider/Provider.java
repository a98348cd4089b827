package dev.aigateway.core.provider;

import dev.aigateway.core.Endpoint;
import java.util.Map;
import java.util.Optional;

/**
 * One LLM provider: how to reach it ({@link ProviderApi}) and, for each unified endpoint it serves,
 * the transform between the endpoint's format and the provider's wire format. Implementations are
 * stateless and thread-safe; per-stream state lives in the {@link StreamTransform} each stream
 * gets.
 */
public interface Provider {
    /** The provider slug used in configs and headers, e.g. {@code google}. */
    String id();

    ProviderApi api();

    /** The endpoints this provider serves, each with its transform. */
    Map<Endpoint, EndpointTransform> endpoints();

    /** The transform for {@code endpoint}, or empty when this provider does not serve it. */
    default Optional<EndpointTransform> transform(Endpoint endpoint) {
        return Optional.ofNullable(endpoints().get(endpoint));
    }

    /** A provider made of its parts. */
    static Provider of(String id, ProviderApi api, Map<Endpoint, EndpointTransform> endpoints) {
        return new SimpleProvider(id, api, Map.copyOf(endpoints));
    }
}
