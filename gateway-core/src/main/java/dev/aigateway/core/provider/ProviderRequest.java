package dev.aigateway.core.provider;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aigateway.core.Endpoint;
import dev.aigateway.core.http.Headers;
import dev.aigateway.core.http.RawBody;
import dev.aigateway.core.http.RequestTarget;
import java.util.Optional;

/**
 * One call to one provider, as the provider's API and transforms see it.
 *
 * @param endpoint the unified endpoint being served
 * @param options how to reach the provider (key, custom host, provider fields)
 * @param params the OpenAI-format request body, with the target's {@code override_params} applied;
 *     an empty object when the request has no JSON body; transforms must not modify it
 * @param stream whether the caller asked for a stream ({@code "stream": true})
 * @param incomingHeaders the caller's request headers, for providers that read some of them
 * @param strictOpenAiCompliance when false, provider-specific extras may be added to answers
 * @param context time and id sources
 * @param target the caller's method, path, query string and path parameters
 * @param rawBody the caller's body when it is sent on unread (a multipart form, audio bytes)
 */
public record ProviderRequest(
        Endpoint endpoint,
        ProviderOptions options,
        ObjectNode params,
        boolean stream,
        Headers incomingHeaders,
        boolean strictOpenAiCompliance,
        TransformContext context,
        RequestTarget target,
        Optional<RawBody> rawBody) {

    /** A {@code POST} of a JSON body to the endpoint's own path. */
    public ProviderRequest(
            Endpoint endpoint,
            ProviderOptions options,
            ObjectNode params,
            boolean stream,
            Headers incomingHeaders,
            boolean strictOpenAiCompliance,
            TransformContext context) {
        this(
                endpoint,
                options,
                params,
                stream,
                incomingHeaders,
                strictOpenAiCompliance,
                context,
                RequestTarget.post("/v1" + endpoint.openAiPath()),
                Optional.empty());
    }

    /** The request's {@code model}, or {@code ""} when absent. */
    public String model() {
        return params.path("model").asText("");
    }

    public String providerId() {
        return options.provider();
    }
}
