package dev.aigateway.core.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aigateway.core.Cancellation;
import dev.aigateway.core.Endpoint;
import dev.aigateway.core.config.RequestSettings;
import dev.aigateway.core.error.GatewayException;
import dev.aigateway.core.event.CallInfo;
import dev.aigateway.core.event.EventListener;
import dev.aigateway.core.http.Headers;
import dev.aigateway.core.http.RawBody;
import dev.aigateway.core.http.RequestTarget;
import dev.aigateway.core.internal.Json;
import java.io.IOException;
import java.util.Optional;
import java.util.function.Function;

/**
 * A call as the call chain sees it. The body and the {@code x-portkey-*} settings are parsed when
 * a link first asks for them, so that a link before that (an authentication check, a resolver of
 * named configs) can answer or change the headers first; a parse failure is a
 * {@link GatewayException} (400) thrown by the asking link, which becomes that link's answer.
 * Immutable apart from that parse, and used by the call's thread.
 */
public final class CallRequest {
    private final Endpoint endpoint;
    private final String path;
    private final Headers headers;
    private final byte[] body;
    private final Optional<JsonNode> bodyTree;
    private final Function<Headers, RequestSettings> settingsParser;
    private final Cancellation cancellation;
    private final CallInfo call;
    private final EventListener listener;
    private final RequestTarget target;
    private final Optional<RawBody> rawBody;
    private ObjectNode params;
    private RequestSettings settings;

    /**
     * A {@code POST} to {@code path} with a JSON body.
     *
     * @param body the caller's bytes; ignored when {@code bodyTree} is present
     * @param settingsParser reads the settings from the headers (with the config they name)
     */
    public CallRequest(
            Endpoint endpoint,
            String path,
            Headers headers,
            byte[] body,
            Optional<JsonNode> bodyTree,
            Function<Headers, RequestSettings> settingsParser,
            Cancellation cancellation,
            CallInfo call,
            EventListener listener) {
        this(
                endpoint,
                RequestTarget.post(path),
                headers,
                body,
                bodyTree,
                Optional.empty(),
                settingsParser,
                cancellation,
                call,
                listener);
    }

    /**
     * @param target the method, path, query and path parameters
     * @param body the caller's JSON bytes, empty when there are none; ignored when {@code bodyTree}
     *     or {@code rawBody} is present
     * @param rawBody a body sent on unread (a multipart form, audio bytes)
     * @param settingsParser reads the settings from the headers (with the config they name)
     */
    public CallRequest(
            Endpoint endpoint,
            RequestTarget target,
            Headers headers,
            byte[] body,
            Optional<JsonNode> bodyTree,
            Optional<RawBody> rawBody,
            Function<Headers, RequestSettings> settingsParser,
            Cancellation cancellation,
            CallInfo call,
            EventListener listener) {
        this.endpoint = endpoint;
        this.target = target;
        this.rawBody = rawBody;
        String path = target.path();
        this.path = path;
        this.headers = headers;
        this.body = body;
        this.bodyTree = bodyTree;
        this.settingsParser = settingsParser;
        this.cancellation = cancellation;
        this.call = call;
        this.listener = listener;
    }

    public Endpoint endpoint() {
        return endpoint;
    }

    /** The request path, e.g. {@code /v1/chat/completions}; conditions may match it. */
    public String path() {
        return path;
    }

    /** The method, path, query string and path parameters of the caller's request. */
    public RequestTarget target() {
        return target;
    }

    /** A body sent on unread, in place of JSON: a multipart form, audio bytes. */
    public Optional<RawBody> rawBody() {
        return rawBody;
    }

    /** The caller's headers. */
    public Headers headers() {
        return headers;
    }

    /**
     * The body as a JSON object, parsed on first use; an empty object when the request has no JSON
     * body (a {@code GET}, a multipart form) and its endpoint needs none. Links must not change it
     * in place: copy it and use {@link #withParams}.
     */
    public ObjectNode params() {
        if (params == null) {
            if (bodyTree.isPresent()) {
                params = asObject(bodyTree.get());
            } else if (endpoint.body() != Endpoint.Body.JSON && (rawBody.isPresent() || body.length == 0)) {
                params = Json.object();
            } else {
                params = parse(body);
            }
        }
        return params;
    }

    /**
     * The caller's bytes while {@link #params()} still holds exactly what they say: sent as they
     * came to providers that need no change.
     */
    public Optional<byte[]> callerBody() {
        return bodyTree.isPresent() ? Optional.empty() : Optional.of(body);
    }

    /** What the {@code x-portkey-*} headers and the config say, the routing tree included. */
    public RequestSettings settings() {
        if (settings == null) {
            settings = settingsParser.apply(headers);
        }
        return settings;
    }

    public Cancellation cancellation() {
        return cancellation;
    }

    /** The call's identity and attributes. */
    public CallInfo call() {
        return call;
    }

    /** The call's event listener ({@link EventListener#NONE} when nobody listens). */
    public EventListener listener() {
        return listener;
    }

    /** Whether the caller asked for a stream ({@code "stream": true}). */
    public boolean stream() {
        return params().path("stream").asBoolean(false);
    }

    /** The same call with another body. */
    public CallRequest withParams(ObjectNode value) {
        CallRequest changed = new CallRequest(
                endpoint,
                target,
                headers,
                body,
                Optional.of(value),
                rawBody,
                settingsParser,
                cancellation,
                call,
                listener);
        changed.params = value;
        changed.settings = settings;
        return changed;
    }

    /** The same call routed by other settings (another config, say). */
    public CallRequest withSettings(RequestSettings value) {
        CallRequest changed = copy(headers);
        changed.params = params;
        changed.settings = value;
        return changed;
    }

    /**
     * The same call with other caller headers, as providers, conditions and the settings see them:
     * the settings are read again from {@code value}.
     */
    public CallRequest withHeaders(Headers value) {
        CallRequest changed = copy(value);
        changed.params = params;
        return changed;
    }

    private CallRequest copy(Headers newHeaders) {
        return new CallRequest(
                endpoint, target, newHeaders, body, bodyTree, rawBody, settingsParser, cancellation, call, listener);
    }

    private static ObjectNode parse(byte[] body) {
        if (body.length == 0) {
            throw GatewayException.badRequest("The request body is empty; expected a JSON object");
        }
        try {
            return asObject(Json.parse(body));
        } catch (IOException e) {
            throw GatewayException.badRequest("The request body is not valid JSON");
        }
    }

    private static ObjectNode asObject(JsonNode node) {
        if (!(node instanceof ObjectNode object)) {
            throw GatewayException.badRequest("The request body must be a JSON object");
        }
        return object;
    }

    @Override
    public String toString() {
        return "CallRequest[" + endpoint + " " + path + "]";
    }
}
