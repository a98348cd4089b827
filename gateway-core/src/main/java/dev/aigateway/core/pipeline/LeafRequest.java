package dev.aigateway.core.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aigateway.core.Cancellation;
import dev.aigateway.core.Endpoint;
import dev.aigateway.core.config.CacheConfig;
import dev.aigateway.core.config.RetryConfig;
import dev.aigateway.core.config.TargetExtensions;
import dev.aigateway.core.config.TargetPath;
import dev.aigateway.core.error.GatewayException;
import dev.aigateway.core.error.UnsupportedEndpointException;
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
    private final OptionalLong streamIdleTimeoutMillis;
    private final Optional<CacheConfig> cache;
    private final TargetExtensions extensions;
    private PreparedCall prepared;

    private LeafRequest(Builder b) {
        this.path = b.path;
        this.provider = b.provider;
        this.providerRequest = b.providerRequest;
        this.callerBody = b.callerBody;
        this.timeoutMillis = b.timeoutMillis;
        this.forwardHeaders = List.copyOf(b.forwardHeaders);
        this.retry = b.retry;
        this.cancellation = b.cancellation;
        this.call = b.call;
        this.listener = b.listener;
        this.attempt = b.attempt;
        this.streamIdleTimeoutMillis = b.streamIdleTimeoutMillis;
        this.cache = b.cache;
        this.extensions = b.extensions;
    }

    /**
     * A request for {@code provider} at {@code path}; the rest has defaults: no timeout, no retry,
     * no cache, nothing forwarded, the caller's bytes not reused, nobody listening.
     */
    public static Builder builder(TargetPath path, Provider provider, ProviderRequest providerRequest, CallInfo call) {
        return new Builder(path, provider, providerRequest, call);
    }

    /** A builder holding this request's settings, to change some of them. */
    public Builder toBuilder() {
        Builder b = new Builder(path, provider, providerRequest, call);
        b.callerBody = callerBody;
        b.timeoutMillis = timeoutMillis;
        b.forwardHeaders = forwardHeaders;
        b.retry = retry;
        b.cancellation = cancellation;
        b.listener = listener;
        b.attempt = attempt;
        b.streamIdleTimeoutMillis = streamIdleTimeoutMillis;
        b.cache = cache;
        b.extensions = extensions;
        return b;
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

    /** The target's {@code cache} setting, inherited down the config tree; empty when none applies. */
    public Optional<CacheConfig> cache() {
        return cache;
    }

    /**
     * The target's extension settings (its hooks, ...), each inherited down the config tree by its
     * key's rule.
     */
    public TargetExtensions extensions() {
        return extensions;
    }

    /** The target's extension setting under {@code key}; empty when none applies. */
    public <T> Optional<T> extension(TargetExtensions.Key<T> key) {
        return extensions.get(key);
    }

    /** The same request under another {@code cache} setting. */
    public LeafRequest withCache(Optional<CacheConfig> value) {
        return toBuilder().cache(value).buildSharingCall(prepared);
    }

    /** The same request, as retry number {@code value} of its target. */
    public LeafRequest withAttempt(int value) {
        return toBuilder().attempt(value).buildSharingCall(prepared);
    }

    /**
     * The same request sending {@code call} upstream instead of {@link #prepared()}: for an
     * interceptor that changes the upstream call itself (a header added with {@link
     * PreparedCall#withHeader}).
     */
    public LeafRequest withPrepared(PreparedCall call) {
        return toBuilder().buildSharingCall(call);
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
        Builder b = toBuilder();
        b.providerRequest = changed;
        return b.callerBody(Optional.empty()).build();
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
                request.options().customHost().orElseGet(() -> provider.api().baseUrl(apiRequest));
        String url = stripTrailingSlash(base) + provider.api().path(apiRequest, body);
        Headers headers = checked(provider.api()
                .sign(apiRequest, url, headers(apiRequest, json ? JSON : raw.map(RawBody::contentType)), bytes));
        return new PreparedCall(
                transform, url, headers, bytes, body, apiRequest.target().method(), raw);
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
     * is checked once signed ({@link #checked}), whatever built it, so that no caller input can add a header line or a
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

    /** Builds a {@link LeafRequest}; not thread-safe. */
    public static final class Builder {
        private final TargetPath path;
        private final Provider provider;
        private ProviderRequest providerRequest;
        private final CallInfo call;
        private Optional<byte[]> callerBody = Optional.empty();
        private OptionalLong timeoutMillis = OptionalLong.empty();
        private List<String> forwardHeaders = List.of();
        private RetryConfig retry = RetryConfig.none();
        private Cancellation cancellation = Cancellation.none();
        private EventListener listener = EventListener.NONE;
        private int attempt;
        private OptionalLong streamIdleTimeoutMillis = OptionalLong.empty();
        private Optional<CacheConfig> cache = Optional.empty();
        private TargetExtensions extensions = TargetExtensions.NONE;

        private Builder(TargetPath path, Provider provider, ProviderRequest providerRequest, CallInfo call) {
            this.path = path;
            this.provider = provider;
            this.providerRequest = providerRequest;
            this.call = call;
        }

        /**
         * The caller's body bytes while the params still hold exactly what they say (no
         * {@code override_params}): they are then sent as they came.
         */
        public Builder callerBody(Optional<byte[]> value) {
            this.callerBody = value;
            return this;
        }

        /** The per-attempt timeout. */
        public Builder timeoutMillis(OptionalLong value) {
            this.timeoutMillis = value;
            return this;
        }

        /** Names of caller headers copied to the upstream request. */
        public Builder forwardHeaders(List<String> value) {
            this.forwardHeaders = value;
            return this;
        }

        public Builder retry(RetryConfig value) {
            this.retry = value;
            return this;
        }

        public Builder cancellation(Cancellation value) {
            this.cancellation = value;
            return this;
        }

        public Builder listener(EventListener value) {
            this.listener = value;
            return this;
        }

        /** 0 for the first try of the target, 1 for its first retry, ... */
        public Builder attempt(int value) {
            this.attempt = value;
            return this;
        }

        /** For a stream that has begun: the longest gap between its events. */
        public Builder streamIdleTimeoutMillis(OptionalLong value) {
            this.streamIdleTimeoutMillis = value;
            return this;
        }

        /** The target's inherited {@code cache} setting. */
        public Builder cache(Optional<CacheConfig> value) {
            this.cache = value;
            return this;
        }

        /** The target's inherited extension settings. */
        public Builder extensions(TargetExtensions value) {
            this.extensions = value;
            return this;
        }

        public LeafRequest build() {
            return new LeafRequest(this);
        }

        /** A request that shares {@code prepared}, the same upstream call, when the changes leave it alone. */
        private LeafRequest buildSharingCall(PreparedCall prepared) {
            LeafRequest request = new LeafRequest(this);
            request.prepared = prepared;
            return request;
        }
    }
}
