package dev.aigateway.core.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aigateway.core.http.Headers;
import dev.aigateway.core.stream.EventReader;
import dev.aigateway.core.stream.SseReader;
import java.io.IOException;
import java.io.InputStream;

/**
 * Translates one unified endpoint between the OpenAI format and a provider's wire format. Stateless
 * and thread-safe.
 */
public interface EndpointTransform {
    /**
     * The provider request body for an OpenAI-format request. Returning {@code request.params()}
     * itself means "unchanged": the caller's bytes are then sent as they came.
     */
    JsonNode request(ProviderRequest request);

    /** The OpenAI-format answer for a provider's 2xx body. */
    JsonNode response(JsonNode providerBody, ProviderRequest request);

    /**
     * The OpenAI error envelope for a provider's non-2xx answer. {@code body} is the raw upstream
     * body, possibly not JSON.
     */
    ObjectNode error(int status, byte[] body, ProviderRequest request);

    /**
     * The status the caller gets for a provider's non-2xx answer: the upstream's, unless the
     * provider has a code of its own for a standard failure (Cohere answers 498 to an invalid key,
     * which is a 401), so that clients, retry and fallback react to it as to any provider's.
     */
    default int errorStatus(int status, byte[] body, ProviderRequest request) {
        return status;
    }

    /**
     * The status and body the caller gets for a provider's non-2xx answer. By default
     * {@link #errorStatus} and {@link #error}; a provider whose answer's headers say what failed,
     * or whose status means something else to retry and fallback, overrides this (Bedrock names the error in
     * {@code x-amzn-errortype} and answers 429 to a model that is still loading, which is a 503).
     *
     * @param headers the upstream answer's headers
     */
    default ErrorAnswer errorAnswer(int status, Headers headers, byte[] body, ProviderRequest request) {
        return new ErrorAnswer(errorStatus(status, body, request), error(status, body, request));
    }

    /** What the caller gets for an upstream error: the status and the error body. */
    record ErrorAnswer(int status, ObjectNode body) {}

    /** A fresh transform holding the state of one stream. */
    StreamTransform stream(ProviderRequest request);

    /**
     * How to split this provider's stream body into events; SSE unless the provider says otherwise
     * (Gemini may answer with a streamed JSON array).
     */
    default EventReader streamReader(InputStream body, String contentType) throws IOException {
        return new SseReader(body);
    }

    /**
     * This transform for one call, and the request the provider's API is asked about for it (base
     * URL, path, headers). Most transforms serve every call as it comes, and return themselves
     * with {@code request}. A transform that serves an endpoint through another one (a Messages or
     * Responses request sent to a provider's chat completions) translates the request here, once,
     * and returns a transform bound to this call, whose methods ignore the request they are given
     * in favour of the translated one, with that translated request for the API.
     */
    default Binding bind(ProviderRequest request) {
        return new Binding(this, request);
    }

    /**
     * A transform bound to one call.
     *
     * @param transform serves the call: request, answer, errors and stream
     * @param apiRequest what the provider's {@link ProviderApi} is asked about (base URL, path and
     *     headers): the call's own request, or the request it was translated into
     */
    record Binding(EndpointTransform transform, ProviderRequest apiRequest) {}

    /**
     * True when 2xx bodies pass through unchanged, so the gateway relays the upstream bytes without
     * parsing them (OpenAI itself).
     */
    default boolean relaysResponse() {
        return false;
    }

    /**
     * True when error answers (non-2xx) pass through unchanged too, body and content type, instead
     * of being mapped into the endpoint's error envelope: the proxy, whose callers speak whatever
     * API is behind it. Error bodies are read up to 1 MiB.
     */
    default boolean relaysErrors() {
        return false;
    }
}
