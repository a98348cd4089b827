package dev.aigateway.core.cache;

import dev.aigateway.core.Endpoint;
import dev.aigateway.core.Gateway;
import dev.aigateway.core.GatewayResponse;
import dev.aigateway.core.config.CacheConfig;
import dev.aigateway.core.config.PortkeyHeaders;
import dev.aigateway.core.event.CacheLookup;
import dev.aigateway.core.event.CacheStatus;
import dev.aigateway.core.event.EventListener;
import dev.aigateway.core.pipeline.Interceptor;
import dev.aigateway.core.pipeline.LeafRequest;
import dev.aigateway.core.pipeline.LeafResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * The response cache: a target interceptor that answers a target's request from an earlier
 * answer when its config (or an ancestor's) says {@code cache: {mode, max_age}}. Add it with
 * {@code Gateway.builder().addTargetInterceptor(ResponseCache.create())}; it is closed with the
 * gateway.
 *
 * <p>It runs once per target, before the target's retries: a hit costs no upstream call and
 * answers with the headers a miss would (the target's {@code x-portkey-last-used-option-index},
 * provider, and {@code x-portkey-retry-attempt-count: 0}) plus {@code x-portkey-cache-status}.
 * Only complete 2xx answers are stored: a JSON answer whole, a stream as its events once it
 * completed. Keys are described by {@link CacheKey}. In {@code semantic} mode with an
 * {@code embeddings} target, a prompt close enough to an earlier one of the same target and
 * parameters is a {@code SEMANTIC HIT}. Thread-safe.
 */
public final class ResponseCache implements Interceptor, AutoCloseable {
    public static final String NAMESPACE_HEADER = "x-portkey-cache-namespace";
    public static final String FORCE_REFRESH_HEADER = "x-portkey-cache-force-refresh";
    public static final Duration DEFAULT_MAX_AGE = Duration.ofDays(1);
    public static final long DEFAULT_MEMORY_BYTES = 64L << 20;
    public static final long DEFAULT_MAX_ENTRY_BYTES = 4L << 20;
    public static final long DEFAULT_SEMANTIC_INDEX_BYTES = 32L << 20;
    public static final double DEFAULT_SIMILARITY = 0.95;

    private static final Logger LOG = Logger.getLogger(ResponseCache.class.getName());

    private final CacheStore store;
    private final Clock clock;
    private final long maxEntryBytes;
    private final Duration defaultMaxAge;
    private final SemanticMatcher semantic;
    private final Set<Endpoint> endpoints;

    private ResponseCache(Builder builder) {
        this.store = builder.store == null ? CacheStore.inMemory(DEFAULT_MEMORY_BYTES) : builder.store;
        this.clock = builder.clock;
        this.maxEntryBytes = builder.maxEntryBytes;
        this.defaultMaxAge = builder.defaultMaxAge;
        this.semantic = new SemanticMatcher(
                builder.embedder == null ? new GatewayEmbedder(Gateway::create) : builder.embedder,
                builder.semanticIndexBytes);
        this.endpoints =
                builder.endpoints.stream().filter(ResponseCache::cacheable).collect(Collectors.toUnmodifiableSet());
    }

    /**
     * Whether answers of {@code endpoint} can be kept: it takes a JSON body (the key is made of it)
     * and answers with JSON or events, not with bytes streamed through (audio, a file's content,
     * the proxy), which are never held whole.
     */
    static boolean cacheable(Endpoint endpoint) {
        return endpoint.body() == Endpoint.Body.JSON && !endpoint.format().bytesAnswer();
    }

    /** A cache in this process's memory, 64 MiB at most. */
    public static ResponseCache create() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public LeafResponse intercept(Chain chain) {
        LeafRequest request = chain.request();
        Optional<CacheConfig> config = request.cache();
        if (config.isEmpty() || !endpoints.contains(request.providerRequest().endpoint())) {
            return chain.proceed(request);
        }
        Duration maxAge = maxAge(config.get());
        if (maxAge.toMillis() < 1) {
            return chain.proceed(request);
        }
        CacheConfig cache = config.get();
        CacheKey key = CacheKey.of(request, header(request, NAMESPACE_HEADER));
        boolean refresh = header(request, FORCE_REFRESH_HEADER)
                .filter("true"::equalsIgnoreCase)
                .isPresent();
        if (!refresh) {
            Optional<GatewayResponse> hit = read(key.exact(), request);
            if (hit.isPresent()) {
                return answer(request, cache, CacheStatus.HIT, hit.get());
            }
        }
        Optional<SemanticMatcher.Prompt> prompt =
                cache.semantic() ? semantic.prompt(request, cache, key) : Optional.empty();
        if (!refresh && prompt.isPresent()) {
            Optional<GatewayResponse> near = nearest(prompt.get(), request, cache);
            if (near.isPresent()) {
                return answer(request, cache, CacheStatus.SEMANTIC_HIT, near.get());
            }
        }
        CacheStatus status = refresh ? CacheStatus.REFRESH : CacheStatus.MISS;
        report(request, cache, status);
        LeafResponse answer = chain.proceed(request);
        GatewayResponse stored = storing(answer.response(), key.exact(), prompt, maxAge);
        return new LeafResponse(withStatus(stored, status), answer.retryAttemptCount(), answer.unreachable());
    }

    private Duration maxAge(CacheConfig cache) {
        return cache.maxAgeSeconds().isPresent()
                ? Duration.ofSeconds(Math.min(cache.maxAgeSeconds().getAsLong(), MAX_AGE_SECONDS))
                : defaultMaxAge;
    }

    /** Past a year an entry is as good as kept forever; the shared state refuses longer TTLs. */
    private static final long MAX_AGE_SECONDS = 365L * 24 * 3600;

    private Optional<GatewayResponse> read(String key, LeafRequest request) {
        Optional<byte[]> bytes;
        try {
            bytes = store.get(key);
        } catch (RuntimeException e) {
            LOG.log(
                    Level.WARNING,
                    "response cache: the store failed to read (" + e.getClass().getName() + ")");
            return Optional.empty();
        }
        long now = clock.millis();
        return bytes.flatMap(CacheEntry::decode)
                .filter(entry -> entry.expiresAtMillis() > now)
                .flatMap(entry -> CachedAnswers.serve(entry, request.providerRequest()));
    }

    private Optional<GatewayResponse> nearest(SemanticMatcher.Prompt prompt, LeafRequest request, CacheConfig cache) {
        double threshold = cache.similarity().orElse(DEFAULT_SIMILARITY);
        Optional<String> match = semantic.nearest(prompt, threshold, clock.millis());
        if (match.isEmpty()) {
            return Optional.empty();
        }
        Optional<GatewayResponse> found = read(match.get(), request);
        if (found.isEmpty()) {
            semantic.forget(prompt, match.get());
        }
        return found;
    }

    /** {@code response}, arranged to be stored when it is a complete success. */
    private GatewayResponse storing(
            GatewayResponse response, String key, Optional<SemanticMatcher.Prompt> prompt, Duration maxAge) {
        if (response.status() < 200 || response.status() > 299) {
            return response;
        }
        long expiresAt = clock.millis() + maxAge.toMillis();
        if (response instanceof GatewayResponse.Complete complete) {
            if (complete.body().length <= maxEntryBytes) {
                String type = complete.headers().first("content-type").orElse("application/json");
                put(key, CacheEntry.complete(complete.status(), type, expiresAt, complete.body()), prompt, maxAge);
            }
            return complete;
        }
        if (!(response instanceof GatewayResponse.Streaming streaming)) {
            return response; // bytes streamed through are never held, so never kept
        }
        int status = streaming.status();
        return streaming.withFilter(next -> new RecordingSink(
                next, maxEntryBytes, events -> put(key, CacheEntry.stream(status, expiresAt, events), prompt, maxAge)));
    }

    private void put(String key, CacheEntry entry, Optional<SemanticMatcher.Prompt> prompt, Duration maxAge) {
        try {
            store.put(key, entry.encode(), maxAge);
        } catch (RuntimeException e) {
            LOG.log(
                    Level.WARNING,
                    "response cache: the store failed to write (" + e.getClass().getName() + ")");
            return;
        }
        prompt.ifPresent(p -> semantic.add(p, key, entry.expiresAtMillis(), clock.millis()));
    }

    private static LeafResponse answer(
            LeafRequest request, CacheConfig cache, CacheStatus status, GatewayResponse hit) {
        report(request, cache, status);
        return LeafResponse.of(withStatus(hit, status));
    }

    private static void report(LeafRequest request, CacheConfig cache, CacheStatus status) {
        if (request.listener() != EventListener.NONE) {
            request.listener()
                    .cacheLookup(
                            request.call(),
                            new CacheLookup(
                                    request.path().value(), request.provider().id(), cache.mode(), status));
        }
    }

    private static GatewayResponse withStatus(GatewayResponse response, CacheStatus status) {
        return response.withHeaders(response.headers()
                .newBuilder()
                .set(PortkeyHeaders.CACHE_STATUS, status.headerValue())
                .build());
    }

    private static Optional<String> header(LeafRequest request, String name) {
        return request.providerRequest().incomingHeaders().first(name);
    }

    /** Closes the store and the embeddings gateway the cache made. */
    @Override
    public void close() {
        semantic.close();
        store.close();
    }

    /** Configures a {@link ResponseCache}; every setting has a default. Not thread-safe. */
    public static final class Builder {
        private CacheStore store;
        private Clock clock = Clock.systemUTC();
        private long maxEntryBytes = DEFAULT_MAX_ENTRY_BYTES;
        private Duration defaultMaxAge = DEFAULT_MAX_AGE;
        private Embedder embedder;
        private long semanticIndexBytes = DEFAULT_SEMANTIC_INDEX_BYTES;
        private Set<Endpoint> endpoints = EnumSet.of(Endpoint.CHAT_COMPLETE, Endpoint.COMPLETE, Endpoint.EMBED);

        private Builder() {}

        /** Where answers are kept; by default {@link CacheStore#inMemory} with 64 MiB. */
        public Builder store(CacheStore value) {
            this.store = value;
            return this;
        }

        /** Time for expiry ({@code max_age}). */
        public Builder clock(Clock value) {
            this.clock = value;
            return this;
        }

        /** Larger answers (a JSON body, or a stream's events together) are passed on and not kept. */
        public Builder maxEntryBytes(long value) {
            if (value <= 0) {
                throw new IllegalArgumentException("maxEntryBytes must be positive");
            }
            this.maxEntryBytes = value;
            return this;
        }

        /** How long an answer is kept when the config gives no {@code max_age}; one day by default. */
        public Builder defaultMaxAge(Duration value) {
            this.defaultMaxAge = value;
            return this;
        }

        /**
         * How the semantic mode embeds prompts; by default an embeddings request to the cache
         * config's {@code embeddings} target through a gateway of the cache's own.
         */
        public Builder embedder(Embedder value) {
            this.embedder = value;
            return this;
        }

        /** The memory the semantic index may use (vectors and keys); 32 MiB by default. */
        public Builder semanticIndexBytes(long value) {
            if (value <= 0) {
                throw new IllegalArgumentException("semanticIndexBytes must be positive");
            }
            this.semanticIndexBytes = value;
            return this;
        }

        /**
         * The endpoints whose answers are cached; by default chat completions, completions and
         * embeddings. Only endpoints whose calls have no side effects belong here. Endpoints
         * without a JSON body or whose answers are bytes (speech, a file's content, the proxy) are
         * ignored.
         */
        public Builder endpoints(Set<Endpoint> value) {
            this.endpoints = Set.copyOf(value);
            return this;
        }

        public ResponseCache build() {
            return new ResponseCache(this);
        }
    }
}
