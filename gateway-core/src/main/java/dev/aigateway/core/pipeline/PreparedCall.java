package dev.aigateway.core.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aigateway.core.http.Headers;
import dev.aigateway.core.http.RawBody;
import dev.aigateway.core.provider.EndpointTransform;
import java.util.Optional;

/**
 * The upstream HTTP call a target's request becomes: the provider's transform applied once.
 *
 * @param url the full URL; its query may hold credentials, so never log it whole
 * @param headers every header sent, credentials included
 * @param body the JSON bytes sent: the caller's own when nothing changed them; empty when the call
 *     sends {@code rawBody} or no body
 * @param providerBody the provider-format body those bytes hold
 * @param method the HTTP method
 * @param rawBody the caller's body, sent on unread in place of JSON (a multipart form, audio bytes)
 */
public record PreparedCall(
        EndpointTransform transform,
        String url,
        Headers headers,
        byte[] body,
        JsonNode providerBody,
        String method,
        Optional<RawBody> rawBody) {

    /** A {@code POST} of {@code body}. */
    public PreparedCall(EndpointTransform transform, String url, Headers headers, byte[] body, JsonNode providerBody) {
        this(transform, url, headers, body, providerBody, "POST", Optional.empty());
    }

    /**
     * This call with header {@code name} set to {@code value} (replacing any), for an attempt
     * interceptor that adds to what goes upstream (a trace context, say); hand it on with {@link
     * LeafRequest#withPrepared}. The caller checks the value: it goes on the wire as it is.
     */
    public PreparedCall withHeader(String name, String value) {
        return new PreparedCall(
                transform, url, headers.newBuilder().set(name, value).build(), body, providerBody);
    }

    /** The URL without its query. */
    public String urlWithoutQuery() {
        int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query);
    }

    /** Headers are left out: they hold credentials. */
    @Override
    public String toString() {
        return "PreparedCall[" + method + " " + urlWithoutQuery() + "]";
    }
}
