package dev.aigateway.core.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aigateway.core.Cancellation;
import dev.aigateway.core.Endpoint;
import dev.aigateway.core.config.RetryConfig;
import dev.aigateway.core.config.TargetPath;
import dev.aigateway.core.error.EndpointNotServedException;
import dev.aigateway.core.error.GatewayException;
import dev.aigateway.core.event.AttemptInfo;
import dev.aigateway.core.event.CallInfo;
import dev.aigateway.core.event.EventListener;
import dev.aigateway.core.http.HeaderRules;
import dev.aigateway.core.http.Headers;
import dev.aigateway.core.http.RawBody;
import dev.aigateway.core.internal.Json;
import dev.aigateway.core.provider.EndpointTransform;
import dev.aigateway.core.provider.Provider;
import dev.aigateway.core.provider.ProviderRequest;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One leaf target's call, with everything inherited down the config tree resolved. Immutable; the
 * upstream call it becomes ({@link #prepared()}) is worked out once, when first asked for, so that
 * interceptors before the provider call (a cache computing its key) and the call itself share it.
 */
public final class LeafRequest {
    private static final byte[] NO_BYTES = new byte[0];
    private static final Optional<String> JSON = Optional.of("application/json");

    private final TargetPath path;
    private final Provider provider;
    private final ProviderRequest providerRequest;
    private final Optional<byte[]> callerBody;
    private final OptionalLong timeoutMillis;
    private final List<String> forwardHeaders;
    private final RetryConfig retry;
    private final Cancellation cancellation;
    private final CallInfo call;
    private final EventListener listener;
    private final int attempt;
    private PreparedCall prepared;

    /**
     * @param callerBody the caller's body bytes while {@code providerRequest.params()} still holds
     *     exactly what they say (no {@code override_params}); they are then sent as they came
     * @param timeoutMillis the per-attempt timeout
     * @param forwardHeaders names of caller headers copied to the upstream request
     */
    public LeafRequest(
            TargetPath path,
            Provider provider,
            ProviderRequest providerRequest,
            Optional<byte[]> callerBody,
            OptionalLong timeoutMillis,
            List<String> forwardHeaders,
            RetryConfig retry,
            Cancellation cancellation,
            CallInfo call,
            EventListener listener) {
        this(
                path,
                provider,
                providerRequest,
                callerBody,
                timeoutMillis,
                forwardHeaders,
                retry,
                cancellation,
                call,
                listener,
                0);
    }

    private LeafRequest(
            TargetPath path,
            Provider provider,
            ProviderRequest providerRequest,
            Optional<byte[]> callerBody,
            OptionalLong timeoutMillis,
            List<String> forwardHeaders,
            RetryConfig retry,
            Cancellation cancellation,
            CallInfo call,
            EventListener listener,
            int attempt) {
        this.path = path;
        this.provider = provider;
        this.providerRequest = providerRequest;
        this.callerBody = callerBody;
        this.timeoutMillis = timeoutMillis;
        this.forwardHeaders = List.copyOf(forwardHeaders);
        this.retry = retry;
        this.cancellation = cancellation;
        this.call = call;
        this.listener = listener;
        this.attempt = attempt;
    }

    /** Where the target sits in the config, e.g. {@code config.targets[1]}. */
    public TargetPath path() {
        return path;
    }

    public Provider provider() {
        return provider;
    }

    public ProviderRequest providerRequest() {
        return providerRequest;
    }

    public OptionalLong timeoutMillis() {
        return timeoutMillis;
    }

    public List<String> forwardHeaders() {
        return forwardHeaders;
    }

    public RetryConfig retry() {
        return retry;
    }

    public Cancellation cancellation() {
        return cancellation;
    }

    public CallInfo call() {
        return call;
    }

    public EventListener listener() {
        return listener;
    }

    /** 0 for the first try of this target, 1 for its first retry, ... */
    public int attempt() {
        return attempt;
    }

    /** The same request, as retry number {@code value} of its target. */
    public LeafRequest withAttempt(int value) {
        LeafRequest next = new LeafRequest(
                path,
                provider,
                providerRequest,
                callerBody,
                timeoutMillis,
                forwardHeaders,
                retry,
                cancellation,
                call,
                listener,
                value);
        next.prepared = prepared;
        return next;
    }

    /** The same request with other OpenAI-format params (a mutator's rewrite); keep {@code params} unshared. */
    public LeafRequest withParams(ObjectNode params) {
        ProviderRequest r = providerRequest;
        ProviderRequest changed = new ProviderRequest(
                r.endpoint(),
                r.options(),
                params,
                params.path("stream").asBoolean(false),
                r.incomingHeaders(),
                r.strictOpenAiCompliance(),
                r.context(),
                r.target(),
                r.rawBody());
        return new LeafRequest(
                path,
                provider,
                changed,
                Optional.empty(),
                timeoutMillis,
                forwardHeaders,
                retry,
                cancellation,
                call,
                listener,
                attempt);
    }

    /**
     * The upstream call: the provider's transform, URL and headers, worked out on first use. Throws
     * {@link GatewayException} when the provider cannot serve the request as configured (an endpoint
     * it does not serve, a provider field it needs).
     */
    public PreparedCall prepared() {
        if (prepared == null) {
            prepared = prepare();
        }
        return prepared;
    }

    /** What listeners hear about this attempt. */
    public AttemptInfo attemptInfo() {
        return new AttemptInfo(
                path.value(),
                provider.id(),
                providerRequest.model(),
                prepared().urlWithoutQuery(),
                attempt,
                providerRequest.stream());
    }

    private PreparedCall prepare() {
        ProviderRequest request = providerRequest;
        EndpointTransform transform = provider.transform(request.endpoint())
                .orElseThrow(
                        () -> new EndpointNotServedException(request.endpoint().portkeyName(), provider.id()));
        JsonNode body = transform.request(request);
        Optional<RawBody> raw = request.rawBody();
        boolean json = raw.isEmpty() && sendsJson(request);
        byte[] bytes;
        if (!json) {
            bytes = NO_BYTES;
        } else if (body == request.params() && callerBody.isPresent()) {
            bytes = callerBody.get();
        } else {
            bytes = Json.bytes(body);
        }
        String base =
                request.options().customHost().orElseGet(() -> provider.api().baseUrl(request));
        String url = stripTrailingSlash(base) + provider.api().path(request, body);
        Headers headers = headers(request, json ? JSON : raw.map(RawBody::contentType));
        return new PreparedCall(
                transform, url, headers, bytes, body, request.target().method(), raw);
    }

    /**
     * Whether the upstream call carries the JSON body: not on {@code GET} or {@code DELETE}, nor on
     * routes that take no body, nor when a proxied {@code POST} came without one.
     */
    private boolean sendsJson(ProviderRequest request) {
        Endpoint.Body kind = request.endpoint().body();
        if (kind == Endpoint.Body.JSON) {
            return true;
        }
        if (kind == Endpoint.Body.NONE || !request.target().carriesBody()) {
            return false;
        }
        return callerBody.map(bytes -> bytes.length > 0).orElse(true);
    }

    /**
     * The upstream request's headers: the provider's, then the forwarded ones. Every name and value
     * is checked here, whatever built it, so that no caller input can add a header line or a
     * request (CR/LF) whichever upstream client sends it; a problem is a 400 naming the header.
     */
    private Headers headers(ProviderRequest request, Optional<String> contentType) {
        Headers.Builder headers = Headers.builder();
        if (request.endpoint().relaysCallerHeaders()) {
            CallerHeaders.relay(request.incomingHeaders(), headers);
        }
        contentType.ifPresent(type -> headers.set("content-type", type));
        provider.api().headers(request, headers);
        for (String name : forwardHeaders) {
            HeaderRules.forwardedNameProblem(name).ifPresent(problem -> {
                throw GatewayException.badRequest("Invalid forwarded header: " + problem);
            });
            request.incomingHeaders()
                    .first(name)
                    .ifPresent(value -> headers.set(name, HeaderRules.checked("forwarded header " + name, value)));
        }
        Headers built = headers.build();
        built.forEach((name, value) -> HeaderRules.nameProblem(name)
                .or(() -> HeaderRules.valueProblem(value))
                .ifPresent(problem -> {
                    throw GatewayException.badRequest("Invalid upstream header " + name + ": " + problem);
                }));
        return built;
    }

    private static String stripTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    @Override
    public String toString() {
        return "LeafRequest[" + path + " " + provider.id() + " attempt " + attempt + "]";
    }
}
