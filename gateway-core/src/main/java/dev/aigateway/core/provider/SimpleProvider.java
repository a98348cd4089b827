package dev.aigateway.core.provider;

import dev.aigateway.core.Endpoint;
import java.util.Map;

/** {@link Provider#of}: a provider that is just its parts. */
record SimpleProvider(String id, ProviderApi api, Map<Endpoint, EndpointTransform> endpoints) implements Provider {}
