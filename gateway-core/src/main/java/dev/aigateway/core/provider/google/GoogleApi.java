package dev.aigateway.core.provider.google;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aigateway.core.Endpoint;
import dev.aigateway.core.error.GatewayException;
import dev.aigateway.core.http.Headers;
import dev.aigateway.core.http.PercentEncoding;
import dev.aigateway.core.provider.ProviderApi;
import dev.aigateway.core.provider.ProviderRequest;
import dev.aigateway.core.provider.UpstreamPath;

/**
 * Where Gemini (AI Studio) lives and how it authenticates (Portkey's {@code google/api.ts}).
 *
 * <p>The key is sent in the {@code x-goog-api-key} header, not in Portkey's {@code ?key=} query
 * parameter, so that it never appears in URLs or access logs. Without a key no key header is sent:
 * Gemini then answers 401/403 and the gateway can fall back to the next target.
 */
final class GoogleApi implements ProviderApi {
    static final String BASE_URL = "https://generativelanguage.googleapis.com";
    static final String KEY_HEADER = "x-goog-api-key";

    private static final String MODELS_PREFIX = "models/";
    private static final String ALPHA_MODEL = "gemini-2.0-flash-thinking-exp";

    @Override
    public String baseUrl(ProviderRequest request) {
        return BASE_URL;
    }

    /**
     * {@code /v1beta/models/<model>:generateContent}, or {@code :streamGenerateContent?alt=sse} for
     * streams (we ask for SSE, which Portkey does not, but the stream reader accepts both
     * formats); {@code :embedContent} for one text to embed and {@code :batchEmbedContents} for a
     * list; {@code /v1beta/models} for the model list; the caller's path for the proxy.
     */
    @Override
    public String path(ProviderRequest request, JsonNode providerBody) {
        switch (request.endpoint()) {
            case LIST_MODELS:
                return UpstreamPath.of("/v1beta/models", request);
            case RETRIEVE_MODEL:
                return UpstreamPath.of("/v1beta/models/{model}", request);
            case PROXY:
                return UpstreamPath.relayed(request);
            default:
                return modelPath(request, providerBody);
        }
    }

    private static String modelPath(ProviderRequest request, JsonNode providerBody) {
        String model = modelName(request);
        if (model.isEmpty()) {
            throw GatewayException.badRequest("Model is required");
        }
        if (PercentEncoding.hasControlCharacter(request.model())) {
            throw GatewayException.badRequest("Invalid model: it must not hold control characters such as CR or LF");
        }
        String version = model.contains(ALPHA_MODEL) ? "v1alpha" : "v1beta";
        String method;
        if (request.endpoint() == Endpoint.EMBED) {
            method = providerBody.has("requests") ? ":batchEmbedContents" : ":embedContent";
        } else {
            method = request.stream() ? ":streamGenerateContent?alt=sse" : ":generateContent";
        }
        return "/" + version + "/models/" + encodePathSegment(model) + method;
    }

    @Override
    public void headers(ProviderRequest request, Headers.Builder headers) {
        request.options().apiKey().filter(key -> !key.isBlank()).ifPresent(key -> headers.set(KEY_HEADER, key));
    }

    /** The request's model without the {@code models/} prefix Gemini's own SDKs use. */
    static String modelName(ProviderRequest request) {
        String model = request.model().strip();
        return model.startsWith(MODELS_PREFIX) ? model.substring(MODELS_PREFIX.length()) : model;
    }

    /**
     * Percent-encodes everything but unreserved characters, so a model name can neither leave the
     * {@code models/} collection ({@code /}) nor pick another method ({@code :}); {@code ..} cannot
     * be a dot segment here, since the method follows it in the same segment.
     */
    static String encodePathSegment(String segment) {
        return PercentEncoding.encode(segment);
    }
}
