package dev.aigateway.core.pipeline;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aigateway.core.Cancellation;
import dev.aigateway.core.Endpoint;
import dev.aigateway.core.config.RequestSettings;
import dev.aigateway.core.event.CallInfo;
import dev.aigateway.core.event.EventListener;
import dev.aigateway.core.http.Headers;
import java.util.Optional;

/**
 * A call as the call chain sees it: parsed once, before any link runs.
 *
 * @param path the request path, e.g. {@code /v1/chat/completions}; conditions may match it
 * @param headers the caller's headers
 * @param params the body as a JSON object; links must not change it in place (copy it and use
 *     {@link #withParams})
 * @param callerBody the caller's bytes while {@code params} still holds exactly what they say;
 *     sent as they came to providers that need no change
 * @param settings what the {@code x-portkey-*} headers and the config say, the routing tree
 *     included
 * @param cancellation triggered when the caller goes away
 * @param call the call's identity and attributes
 * @param listener the call's event listener ({@link EventListener#NONE} when nobody listens)
 */
public record CallRequest(
        Endpoint endpoint,
        String path,
        Headers headers,
        ObjectNode params,
        Optional<byte[]> callerBody,
        RequestSettings settings,
        Cancellation cancellation,
        CallInfo call,
        EventListener listener) {

    /** Whether the caller asked for a stream ({@code "stream": true}). */
    public boolean stream() {
        return params.path("stream").asBoolean(false);
    }

    /** The same call with another body. */
    public CallRequest withParams(ObjectNode value) {
        return new CallRequest(
                endpoint, path, headers, value, Optional.empty(), settings, cancellation, call, listener);
    }

    /** The same call routed by other settings (another config, say). */
    public CallRequest withSettings(RequestSettings value) {
        return new CallRequest(endpoint, path, headers, params, callerBody, value, cancellation, call, listener);
    }

    /** The same call with other caller headers (as providers and conditions see them). */
    public CallRequest withHeaders(Headers value) {
        return new CallRequest(endpoint, path, value, params, callerBody, settings, cancellation, call, listener);
    }
}
