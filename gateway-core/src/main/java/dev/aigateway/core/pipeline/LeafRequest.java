package dev.aigateway.core.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aigateway.core.Cancellation;
import dev.aigateway.core.config.RetryConfig;
import dev.aigateway.core.config.TargetPath;
import dev.aigateway.core.error.GatewayException;
import dev.aigateway.core.error.UnsupportedEndpointException;
import dev.aigateway.core.event.AttemptInfo;
import dev.aigateway.core.event.CallInfo;
import dev.aigateway.core.event.EventListener;
import dev.aigateway.core.http.HeaderRules;
import dev.aigateway.core.http.Headers;
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
    private final OptionalLong streamIdleTimeoutMillis;
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
                0,
                OptionalLong.empty());
    }

    /**
     * As the shorter constructor, with a stream's idle timeout.
     *
     * @param streamIdleTimeoutMillis for a stream that has begun: the longest gap between its events
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
            EventListener listener,
            OptionalLong streamIdleTimeoutMillis) {
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
                0,
                streamIdleTimeoutMillis);
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
            int attempt,
            OptionalLong streamIdleTimeoutMillis) {
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
        this.streamIdleTimeoutMillis = streamIdleTimeoutMillis;
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

    /** For a stream that has begun: the longest gap between its events; empty for none. */
    public OptionalLong streamIdleTimeoutMillis() {
        return streamIdleTimeoutMillis;
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
                value,
                streamIdleTimeoutMillis);
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
                r.context());
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
                attempt,
                streamIdleTimeoutMillis);
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
        EndpointTransform.Binding binding = provider.transform(request.endpoint())
                .orElseThrow(() -> new UnsupportedEndpointException(
                        request.endpoint().portkeyName() + " is not supported by " + provider.id()))
                .bind(request);
        EndpointTransform transform = binding.transform();
        ProviderRequest apiRequest = binding.apiRequest();
        JsonNode body = transform.request(request);
        byte[] bytes = body == request.params() && callerBody.isPresent() ? callerBody.get() : Json.bytes(body);
        String base =
                request.options().customHost().orElseGet(() -> provider.api().baseUrl(apiRequest));
        String url = stripTrailingSlash(base) + provider.api().path(apiRequest, body);
        Headers headers = checked(provider.api().sign(apiRequest, url, headers(apiRequest), bytes));
        return new PreparedCall(transform, url, headers, bytes, body);
    }

    /**
     * The upstream request's headers: the provider's, then the forwarded ones. Every name and value
     * is checked once signed ({@link #checked}), whatever built it, so that no caller input can add a header line or a
     * request (CR/LF) whichever upstream client sends it; a problem is a 400 naming the header.
     */
    private Headers headers(ProviderRequest request) {
        Headers.Builder headers = Headers.builder().set("content-type", "application/json");
        provider.api().headers(request, headers);
        for (String name : forwardHeaders) {
            HeaderRules.forwardedNameProblem(name).ifPresent(problem -> {
                throw GatewayException.badRequest("Invalid forwarded header: " + problem);
            });
            request.incomingHeaders()
                    .first(name)
                    .ifPresent(value -> headers.set(name, HeaderRules.checked("forwarded header " + name, value)));
        }
        return headers.build();
    }

    /** {@code headers}, once every name and value is known to be safe to send. */
    private static Headers checked(Headers headers) {
        headers.forEach((name, value) -> HeaderRules.nameProblem(name)
                .or(() -> HeaderRules.valueProblem(value))
                .ifPresent(problem -> {
                    throw GatewayException.badRequest("Invalid upstream header " + name + ": " + problem);
                }));
        return headers;
    }

    private static String stripTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    @Override
    public String toString() {
        return "LeafRequest[" + path + " " + provider.id() + " attempt " + attempt + "]";
    }
}
