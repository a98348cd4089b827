package dev.aigateway.core.provider;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aigateway.core.http.Headers;

/** Where a provider lives and how it authenticates (Portkey's {@code api.ts}). */
public interface ProviderApi {
    /**
     * The base URL used when no custom host is set, without a trailing slash, e.g.
     * {@code https://api.openai.com/v1}. Throws {@link dev.aigateway.core.error.GatewayException}
     * when a required provider field is missing.
     */
    String baseUrl(ProviderRequest request);

    /**
     * The path and query appended to the base URL (or custom host) for this call, e.g.
     * {@code /chat/completions}.
     *
     * @param providerBody the body the request transform produced
     */
    String path(ProviderRequest request, JsonNode providerBody);

    /** Adds the authentication and provider-specific headers for this call. */
    void headers(ProviderRequest request, Headers.Builder headers);

    /**
     * The headers to send, once the URL and the body's bytes are known: a provider that signs the
     * whole request (AWS's SigV4 for Bedrock) adds its signature here. Retries of the call reuse
     * the result. By default {@code headers} unchanged.
     *
     * @param url the full URL the call goes to
     * @param headers every header built so far, forwarded ones included
     * @param body the exact bytes sent
     */
    default Headers sign(ProviderRequest request, String url, Headers headers, byte[] body) {
        return headers;
    }
}
