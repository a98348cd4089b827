package dev.aigateway.core.provider.cohere;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aigateway.core.Endpoint;
import dev.aigateway.core.http.Headers;
import dev.aigateway.core.provider.ProviderApi;
import dev.aigateway.core.provider.ProviderRequest;

/**
 * Where Cohere lives: {@value #BASE_URL} with the API version in the path, so a custom host is
 * the bare host (a private deployment, or {@code https://api.cohere.ai}, Portkey's). The key goes
 * in {@code Authorization: Bearer}, and no header at all when the target has none.
 */
final class CohereApi implements ProviderApi {
    static final String BASE_URL = "https://api.cohere.com";

    @Override
    public String baseUrl(ProviderRequest request) {
        return BASE_URL;
    }

    @Override
    public String path(ProviderRequest request, JsonNode providerBody) {
        return request.endpoint() == Endpoint.EMBED ? "/v2/embed" : "/v2/chat";
    }

    @Override
    public void headers(ProviderRequest request, Headers.Builder headers) {
        request.options()
                .apiKey()
                .filter(key -> !key.isBlank())
                .ifPresent(key -> headers.set("authorization", "Bearer " + key));
    }
}
