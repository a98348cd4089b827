package dev.aigateway.core.provider.azureopenai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aigateway.core.Endpoint;
import dev.aigateway.core.error.GatewayException;
import dev.aigateway.core.http.Headers;
import dev.aigateway.core.http.PercentEncoding;
import dev.aigateway.core.provider.ProviderApi;
import dev.aigateway.core.provider.ProviderRequest;
import dev.aigateway.core.provider.UpstreamPath;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Where an Azure OpenAI deployment lives and how it authenticates (Portkey's
 * {@code azure-openai/api.ts}). Provider fields (config keys in snake_case, or the
 * {@code x-portkey-azure-*} headers):
 *
 * <ul>
 *   <li>{@code resourceName}: the base URL is {@code https://<resourceName>.openai.azure.com/openai};
 *       required unless the target has a custom host, which replaces the base URL and keeps the
 *       path.
 *   <li>{@code deploymentId} and {@code apiVersion}: the path is
 *       {@code /deployments/<deploymentId>/chat/completions?api-version=<apiVersion>} (likewise
 *       completions, embeddings, images and audio), both required. With {@code apiVersion}
 *       {@code v1} (Azure's version-less API) the path is {@code /v1/chat/completions} and the
 *       deployment, when given, becomes the body's {@code model}. Responses, models, files,
 *       batches and stored responses live on the resource: OpenAI's path plus
 *       {@code ?api-version=} (or under {@code /v1}), no deployment (Responses name it as the
 *       body's {@code model}). The proxy appends the caller's path, and {@code api-version} when
 *       the target has one.
 *   <li>Auth: {@code azureAdToken} is sent as {@code Authorization: Bearer <token>}; otherwise the
 *       API key as {@code api-key}. The token-minting modes of {@code azureAuthMode}
 *       ({@code entra}, {@code managed}, {@code workload}) are not supported and answer 400.
 *   <li>{@code openaiBeta} is sent as {@code OpenAI-Beta}.
 * </ul>
 *
 * A missing or malformed field is a {@link GatewayException} (400) naming it, raised before any
 * call, so fallback stops there as it does on Portkey's gateway errors.
 */
final class AzureOpenAiApi implements ProviderApi {
    static final String RESOURCE_NAME = "resourceName";
    static final String DEPLOYMENT_ID = "deploymentId";
    static final String API_VERSION = "apiVersion";
    static final String AD_TOKEN = "azureAdToken";
    static final String AUTH_MODE = "azureAuthMode";
    static final String OPENAI_BETA = "openaiBeta";
    static final String V1 = "v1";

    /** Azure resource names: letters, digits and inner hyphens. Anything else could redirect the host. */
    private static final Pattern RESOURCE = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?");

    /** Routes served by a deployment: {@code /deployments/<deployment_id>/...}. */
    private static final Set<Endpoint> DEPLOYMENT_ENDPOINTS = Set.of(
            Endpoint.CHAT_COMPLETE,
            Endpoint.COMPLETE,
            Endpoint.EMBED,
            Endpoint.IMAGE_GENERATE,
            Endpoint.IMAGE_EDIT,
            Endpoint.CREATE_SPEECH,
            Endpoint.CREATE_TRANSCRIPTION,
            Endpoint.CREATE_TRANSLATION);

    private static final Set<String> TOKEN_MINTING_MODES = Set.of("entra", "managed", "workload");

    @Override
    public String baseUrl(ProviderRequest request) {
        String resource = required(request, RESOURCE_NAME, "resource_name", "x-portkey-azure-resource-name");
        if (!RESOURCE.matcher(resource).matches()) {
            throw GatewayException.badRequest(
                    "azure-openai: resource_name (x-portkey-azure-resource-name) must be the Azure OpenAI resource's name (letters, digits and hyphens), as in https://<resource_name>.openai.azure.com");
        }
        return "https://" + resource + ".openai.azure.com/openai";
    }

    @Override
    public String path(ProviderRequest request, JsonNode providerBody) {
        if (request.endpoint() == Endpoint.PROXY) {
            return proxyPath(request);
        }
        if (!DEPLOYMENT_ENDPOINTS.contains(request.endpoint())) {
            return resourcePath(request);
        }
        String endpoint = request.endpoint().openAiPath();
        if (isV1(request)) {
            return "/v1" + endpoint;
        }
        String version = required(request, API_VERSION, "api_version", "x-portkey-azure-api-version");
        String deployment = required(request, DEPLOYMENT_ID, "deployment_id", "x-portkey-azure-deployment-id");
        if (PercentEncoding.isDotSegment(deployment)) {
            throw GatewayException.badRequest(
                    "azure-openai: deployment_id (x-portkey-azure-deployment-id) must be a deployment name, not a dot segment");
        }
        return "/deployments/" + PercentEncoding.encode(deployment) + endpoint + "?api-version="
                + PercentEncoding.encode(version);
    }

    /**
     * Routes on the resource rather than a deployment (Responses, models, files, batches, stored
     * responses):
     * OpenAI's path and the caller's query, plus {@code api-version}; under {@code /v1} for the v1
     * API, which takes no version.
     */
    private static String resourcePath(ProviderRequest request) {
        String path = UpstreamPath.of(request.endpoint().openAiPath(), request);
        if (isV1(request)) {
            return "/v1" + path;
        }
        String version = required(request, API_VERSION, "api_version", "x-portkey-azure-api-version");
        return UpstreamPath.withQuery(path, "api-version=" + PercentEncoding.encode(version));
    }

    /**
     * The proxy, as Portkey's Azure proxy: the caller's path and query, under {@code /v1} for the
     * v1 API, else with {@code api-version} added when the target has one and the query has none.
     */
    private static String proxyPath(ProviderRequest request) {
        String path = UpstreamPath.relayed(request);
        Optional<String> version = field(request, API_VERSION);
        if (version.isEmpty() || request.target().query().contains("api-version=")) {
            return path;
        }
        if (version.get().equals(V1)) {
            return "/v1" + path;
        }
        if (PercentEncoding.hasControlCharacter(version.get())) {
            throw GatewayException.badRequest(
                    "azure-openai: api_version (x-portkey-azure-api-version) must not hold control characters");
        }
        return UpstreamPath.withQuery(path, "api-version=" + PercentEncoding.encode(version.get()));
    }

    @Override
    public void headers(ProviderRequest request, Headers.Builder headers) {
        Optional<String> adToken = field(request, AD_TOKEN);
        if (adToken.isPresent()) {
            // Portkey accepts the token with or without its scheme.
            String token = adToken.get();
            if (token.regionMatches(true, 0, "Bearer ", 0, 7)) {
                token = token.substring(7).strip();
            }
            headers.set("authorization", "Bearer " + token);
        } else {
            field(request, AUTH_MODE)
                    .map(mode -> mode.toLowerCase(Locale.ROOT))
                    .filter(TOKEN_MINTING_MODES::contains)
                    .ifPresent(mode -> {
                        throw GatewayException.badRequest(
                                "azure-openai: azure_auth_mode '" + mode
                                        + "' (token minting) is not supported by this gateway; pass an Azure AD token in azure_ad_token (x-portkey-azure-ad-token) or an API key");
                    });
            request.options().apiKey().filter(key -> !key.isBlank()).ifPresent(key -> headers.set("api-key", key));
        }
        field(request, OPENAI_BETA).ifPresent(beta -> headers.set("OpenAI-Beta", beta));
    }

    /** Whether the target uses Azure's version-less v1 API. */
    static boolean isV1(ProviderRequest request) {
        return field(request, API_VERSION).filter(V1::equals).isPresent();
    }

    /** A provider field, stripped, when given and not blank. */
    static Optional<String> field(ProviderRequest request, String name) {
        return request.options().field(name).map(String::strip).filter(value -> !value.isEmpty());
    }

    /**
     * A URL-building field: required, and without control characters (which the config and header
     * checks refuse already; this holds for requests built without them).
     */
    private static String required(ProviderRequest request, String name, String configKey, String header) {
        String value = field(request, name)
                .orElseThrow(() -> GatewayException.badRequest(
                        "azure-openai needs " + configKey + " (config key) or " + header + " (header)"));
        if (PercentEncoding.hasControlCharacter(value)) {
            throw GatewayException.badRequest(
                    "azure-openai: " + configKey + " (" + header + ") must not hold control characters");
        }
        return value;
    }
}
