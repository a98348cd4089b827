package dev.aigateway.core.provider.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aigateway.core.http.HeaderRules;
import dev.aigateway.core.http.Headers;
import dev.aigateway.core.internal.Json;
import dev.aigateway.core.provider.ProviderApi;
import dev.aigateway.core.provider.ProviderRequest;
import dev.aigateway.core.provider.UpstreamPath;
import java.util.Optional;

/**
 * Where Anthropic's Messages API lives and how it authenticates (Portkey's
 * {@code anthropic/api.ts}).
 *
 * <ul>
 *   <li>{@code x-api-key}: the options' API key; when the options have none (no
 *       {@code Authorization} header and no key in the config), the caller's own {@code x-api-key}
 *       header, as Claude Code sends it. With neither, the header is left out and Anthropic
 *       answers 401.
 *   <li>{@code anthropic-version}: the provider field {@code anthropicVersion}, then the incoming
 *       {@code x-portkey-anthropic-version} and {@code anthropic-version} headers, then the body's
 *       {@code anthropic_version}, then {@code 2023-06-01}.
 *   <li>{@code anthropic-beta}: looked up the same way ({@code anthropicBeta},
 *       {@code anthropic_beta}), and sent only when one of them is given. Portkey falls back to
 *       {@code messages-2023-12-15}, a flag from before the Messages API was generally available;
 *       sending a stale beta by default buys nothing and can only clash with a caller's own list.
 * </ul>
 */
final class AnthropicApi implements ProviderApi {
    static final String BASE_URL = "https://api.anthropic.com/v1";
    static final String DEFAULT_VERSION = "2023-06-01";

    @Override
    public String baseUrl(ProviderRequest request) {
        return BASE_URL;
    }

    @Override
    public String path(ProviderRequest request, JsonNode providerBody) {
        return switch (request.endpoint()) {
            case MESSAGES_COUNT_TOKENS -> "/messages/count_tokens";
            case LIST_MODELS, RETRIEVE_MODEL -> UpstreamPath.of(
                    request.endpoint().openAiPath(), request);
            case PROXY -> proxyPath(request);
            default -> "/messages";
        };
    }

    /**
     * The caller's path below {@code /v1}; a second {@code /v1} (an Anthropic SDK pointed at
     * {@code <gateway>/v1} adds its own) is dropped, as Portkey drops it.
     */
    private static String proxyPath(ProviderRequest request) {
        String path = UpstreamPath.relayed(request);
        return path.startsWith("/v1/") ? path.substring(3) : path;
    }

    @Override
    public void headers(ProviderRequest request, Headers.Builder headers) {
        apiKey(request).ifPresent(key -> headers.set("x-api-key", key));
        headers.set(
                "anthropic-version",
                setting(request, "anthropicVersion", "anthropic-version", "anthropic_version")
                        .orElse(DEFAULT_VERSION));
        setting(request, "anthropicBeta", "anthropic-beta", "anthropic_beta")
                .ifPresent(beta -> headers.set("anthropic-beta", beta));
    }

    /**
     * The key to send: the options' key, else the caller's {@code x-api-key} header. The value
     * taken is checked where it came from, so that a 400 names the source.
     */
    static Optional<String> apiKey(ProviderRequest request) {
        return request.options()
                .apiKey()
                .filter(key -> !key.isBlank())
                .map(key -> HeaderRules.checked("api_key", key))
                .or(() -> nonBlank(request.incomingHeaders().value("x-api-key"))
                        .map(key -> HeaderRules.checked("header x-api-key", key)));
    }

    /**
     * A header value from the provider field, the incoming headers or the body, in that order,
     * checked where it came from (400 naming the field, header or body field).
     */
    private static Optional<String> setting(ProviderRequest request, String field, String header, String bodyField) {
        Headers incoming = request.incomingHeaders();
        String prefixed = "x-portkey-" + header;
        return request.options()
                .field(field)
                .filter(value -> !value.isBlank())
                .map(value -> HeaderRules.checked(bodyField, value))
                .or(() -> nonBlank(incoming.value(prefixed))
                        .map(value -> HeaderRules.checked("header " + prefixed, value)))
                .or(() -> nonBlank(incoming.value(header)).map(value -> HeaderRules.checked("header " + header, value)))
                .or(() -> nonBlank(Json.textOrNull(request.params(), bodyField))
                        .map(value -> HeaderRules.checked(bodyField + " in the request body", value)));
    }

    private static Optional<String> nonBlank(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
    }
}
