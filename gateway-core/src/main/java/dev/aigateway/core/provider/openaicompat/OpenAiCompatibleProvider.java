package dev.aigateway.core.provider.openaicompat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aigateway.core.Endpoint;
import dev.aigateway.core.format.EndpointFormat;
import dev.aigateway.core.http.Headers;
import dev.aigateway.core.provider.EndpointTransform;
import dev.aigateway.core.provider.FormatRelayStream;
import dev.aigateway.core.provider.Provider;
import dev.aigateway.core.provider.ProviderApi;
import dev.aigateway.core.provider.ProviderErrors;
import dev.aigateway.core.provider.ProviderRequest;
import dev.aigateway.core.provider.StreamTransform;
import dev.aigateway.core.provider.StreamUsage;
import dev.aigateway.core.provider.UpstreamPath;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A provider that speaks OpenAI's wire format, built from a few facts: base URL, paths per
 * endpoint, auth header, the parameters it rejects or names differently, and the finish reasons it
 * spells its own way. Unknown parameters are passed through, so new OpenAI features reach the
 * upstream. Unless built with {@link Builder#relay(boolean)}, answers and stream chunks get a
 * {@code provider} field. Every such provider also serves the proxy ({@link Endpoint#PROXY}).
 * Immutable and thread-safe.
 *
 * <pre>{@code
 * Provider groq = OpenAiCompatibleProvider.builder("groq")
 *         .baseUrl("https://api.groq.com/openai/v1")
 *         .exclude("logit_bias", "logprobs")
 *         .build();
 * }</pre>
 */
public final class OpenAiCompatibleProvider implements Provider, ProviderApi {
    /** How the API key is sent. */
    public enum Auth {
        /** {@code Authorization: Bearer <key>}, when a key is given. */
        BEARER,
        /** No authentication header (local servers such as Ollama). */
        NONE
    }

    private final String id;
    private final Function<ProviderRequest, String> baseUrl;
    private final Map<Endpoint, String> paths;
    private final Auth auth;
    private final Map<String, Function<ProviderRequest, String>> headers;
    private final RequestEdits edits;
    private final Map<String, String> finishReasons;
    private final Optional<Consumer<ObjectNode>> chunkAdjuster;
    private final boolean relay;
    private final Map<Endpoint, EndpointTransform> endpoints;
    private final String proxyPrefix;

    /**
     * Endpoints served by this class's own transform: their requests get the provider's edits, their
     * answers are normalised ({@code provider} field, finish reasons) unless relayed, and their
     * streams checked for completeness in their format (Responses' named events included); every
     * other endpoint is relayed as it is ({@link RelayTransform}).
     */
    private static final Set<Endpoint> TRANSLATED =
            Set.of(Endpoint.CHAT_COMPLETE, Endpoint.COMPLETE, Endpoint.EMBED, Endpoint.RESPONSES);

    private OpenAiCompatibleProvider(Builder b) {
        this.id = b.id;
        this.baseUrl = b.baseUrl;
        this.paths = Map.copyOf(b.paths);
        this.auth = b.auth;
        this.headers = Map.copyOf(b.headers);
        this.edits = new RequestEdits(b.excluded, b.renamed, b.developerAsSystem, b.rewrites);
        this.finishReasons = Map.copyOf(b.finishReasons);
        this.chunkAdjuster = Optional.ofNullable(b.chunkAdjuster);
        this.relay = b.relay;
        Map<Endpoint, EndpointTransform> served = new EnumMap<>(Endpoint.class);
        Transform openAiShaped = new Transform();
        RelayTransform relayed = RelayTransform.of(id);
        paths.keySet()
                .forEach(endpoint -> served.put(endpoint, TRANSLATED.contains(endpoint) ? openAiShaped : relayed));
        served.put(Endpoint.PROXY, RelayTransform.proxy(id));
        served.putAll(b.transforms);
        if (b.embeddings != null) {
            served.put(Endpoint.EMBED, new OpenAiCompatibleEmbeddings(id, b.embeddings));
        }
        this.proxyPrefix = proxyPrefix(paths.get(Endpoint.CHAT_COMPLETE));
        this.endpoints = java.util.Collections.unmodifiableMap(served);
    }

    public static Builder builder(String id) {
        return new Builder(id);
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public ProviderApi api() {
        return this;
    }

    @Override
    public Map<Endpoint, EndpointTransform> endpoints() {
        return endpoints;
    }

    @Override
    public String baseUrl(ProviderRequest request) {
        return baseUrl.apply(request);
    }

    /**
     * The endpoint's path, its parameters filled in and the caller's query added where it is
     * passed on ({@link UpstreamPath}). For the proxy, the caller's path below {@code /v1},
     * after the part of the chat path before {@code /chat/completions} ({@code /v1} for providers
     * whose base URL stops at the host), so that it lands where the provider's API lives.
     */
    @Override
    public String path(ProviderRequest request, JsonNode providerBody) {
        if (request.endpoint() == Endpoint.PROXY) {
            return proxyPrefix + UpstreamPath.relayed(request);
        }
        return UpstreamPath.of(paths.get(request.endpoint()), request);
    }

    private static String proxyPrefix(String chatPath) {
        String suffix = Endpoint.CHAT_COMPLETE.openAiPath();
        return chatPath != null && chatPath.endsWith(suffix)
                ? chatPath.substring(0, chatPath.length() - suffix.length())
                : "";
    }

    @Override
    public void headers(ProviderRequest request, Headers.Builder out) {
        if (auth == Auth.BEARER) {
            request.options()
                    .apiKey()
                    .filter(key -> !key.isBlank())
                    .ifPresent(key -> out.set("authorization", "Bearer " + key));
        }
        headers.forEach((name, value) -> {
            String text = value.apply(request);
            if (text != null) {
                out.set(name, text);
            }
        });
    }

    private final class Transform implements EndpointTransform {
        @Override
        public JsonNode request(ProviderRequest request) {
            return edits.apply(request);
        }

        @Override
        public JsonNode response(JsonNode providerBody, ProviderRequest request) {
            if (!relay && providerBody instanceof ObjectNode object) {
                object.put("provider", id);
                if (request.strictOpenAiCompliance()) {
                    mapFinishReasons(object.path("choices"), finishReasons);
                }
            }
            return providerBody;
        }

        @Override
        public ObjectNode error(int status, byte[] body, ProviderRequest request) {
            return ProviderErrors.openAiStyle(id, status, body);
        }

        @Override
        public StreamTransform stream(ProviderRequest request) {
            EndpointFormat format = request.endpoint().format();
            if (format.endMarker().isEmpty()) {
                // Responses: named events in the endpoint's own format, relayed as they come.
                return new FormatRelayStream(format);
            }
            ChoiceTracker choices = ChoiceTracker.forRequest(request.params());
            if (relay) {
                return RelayStream.verbatim(choices);
            }
            return RelayStream.normalising(
                    id,
                    request.strictOpenAiCompliance() ? finishReasons : Map.of(),
                    chunkAdjuster,
                    StreamUsage.of(request),
                    choices);
        }

        @Override
        public boolean relaysResponse() {
            return relay;
        }
    }

    /** Replaces each choice's provider-specific {@code finish_reason} with OpenAI's value. */
    static void mapFinishReasons(JsonNode choices, Map<String, String> mapping) {
        if (mapping.isEmpty()) {
            return;
        }
        for (JsonNode choice : choices) {
            String reason = choice.path("finish_reason").asText(null);
            if (choice instanceof ObjectNode object && reason != null && mapping.containsKey(reason)) {
                object.put("finish_reason", mapping.get(reason));
            }
        }
    }

    /** Builds an {@link OpenAiCompatibleProvider}; not thread-safe. */
    public static final class Builder {
        private final String id;
        private Function<ProviderRequest, String> baseUrl;
        private final Map<Endpoint, String> paths = new EnumMap<>(Endpoint.class);
        private Auth auth = Auth.BEARER;
        private final Map<String, Function<ProviderRequest, String>> headers = new LinkedHashMap<>();
        private final Set<String> excluded = new HashSet<>();
        private final Map<String, String> renamed = new LinkedHashMap<>();
        private final List<RequestEdits.Rewrite> rewrites = new ArrayList<>();
        private final Map<String, String> finishReasons = new LinkedHashMap<>();
        private Consumer<ObjectNode> chunkAdjuster;
        private boolean developerAsSystem = true;
        private boolean relay;
        private final Map<Endpoint, EndpointTransform> transforms = new EnumMap<>(Endpoint.class);
        private EmbeddingsRoute embeddings;

        private Builder(String id) {
            this.id = id;
            paths.put(Endpoint.CHAT_COMPLETE, Endpoint.CHAT_COMPLETE.openAiPath());
        }

        public Builder baseUrl(String url) {
            return baseUrl(request -> url);
        }

        /**
         * A base URL computed per call, e.g. from provider fields. Called only when the target has
         * no custom host; it may throw a {@link dev.aigateway.core.error.GatewayException} when the
         * provider cannot be reached without one.
         */
        public Builder baseUrl(Function<ProviderRequest, String> url) {
            this.baseUrl = url;
            return this;
        }

        /**
         * Serves an endpoint in OpenAI's format at {@code path} (relative to the base URL; braces
         * name path parameters, {@code /files/{file_id}}): chat completions, completions,
         * embeddings and Responses with the shared OpenAI-shaped transform, every other endpoint
         * (images, audio, files, ...) relayed as it is ({@link RelayTransform}).
         */
        public Builder endpoint(Endpoint endpoint, String path) {
            paths.put(endpoint, path);
            return this;
        }

        /** Serves each of {@code endpoints} at OpenAI's own path for it, relative to the base URL. */
        public Builder openAiPaths(Endpoint... endpoints) {
            for (Endpoint endpoint : endpoints) {
                paths.put(endpoint, endpoint.openAiPath());
            }
            return this;
        }

        /**
         * Serves OpenAI's model list at {@code listPath} ({@code GET /v1/models}) and one model at
         * {@code listPath/{model}}, relayed.
         */
        public Builder models(String listPath) {
            paths.put(Endpoint.LIST_MODELS, listPath);
            paths.put(Endpoint.RETRIEVE_MODEL, listPath + "/{model}");
            return this;
        }

        /** Serves {@code endpoint} at {@code path} with a transform of its own. */
        public Builder endpoint(Endpoint endpoint, String path, EndpointTransform transform) {
            paths.put(endpoint, path);
            transforms.put(endpoint, transform);
            return this;
        }

        /**
         * Serves embeddings at {@code path} (relative to the base URL): floats are asked for and
         * encoded to base64 here when the caller wants base64 ({@link OpenAiCompatibleEmbeddings}).
         */
        public Builder embeddings(String path) {
            return embeddings(EmbeddingsRoute.at(path));
        }

        /** Serves embeddings as {@code route} says, with its renames and exclusions. */
        public Builder embeddings(EmbeddingsRoute route) {
            paths.put(Endpoint.EMBED, route.path());
            transforms.remove(Endpoint.EMBED);
            this.embeddings = route;
            return this;
        }

        /**
         * Keeps a numeric chat parameter within the range this provider accepts (Moonshot and Z.ai
         * take {@code temperature} up to 1, OpenAI up to 2): a value outside is replaced by the
         * nearest bound instead of being refused upstream. Values inside pass untouched.
         */
        public Builder clamp(String param, double min, double max) {
            return rewrite(
                    request -> {
                        JsonNode value = request.params().get(param);
                        return value != null && value.isNumber() && (value.asDouble() < min || value.asDouble() > max);
                    },
                    (body, request) -> {
                        double value = body.path(param).asDouble();
                        body.put(param, value < min ? min : max);
                    });
        }

        public Builder auth(Auth auth) {
            this.auth = auth;
            return this;
        }

        /** A header sent on every call, e.g. Fireworks' {@code Accept}. */
        public Builder header(String name, String value) {
            return header(name, request -> value);
        }

        /** A header computed per call, e.g. from a provider field; a {@code null} value omits it. */
        public Builder header(String name, Function<ProviderRequest, String> value) {
            headers.put(name, value);
            return this;
        }

        /** Parameters this provider rejects; they are removed before sending. */
        public Builder exclude(String... params) {
            excluded.addAll(List.of(params));
            return this;
        }

        /**
         * A parameter this provider names differently, e.g. {@code seed} to {@code random_seed}.
         * When both names are sent, the renamed value wins.
         */
        public Builder rename(String from, String to) {
            renamed.put(from, to);
            return this;
        }

        /**
         * A change to the body that exclusions and renames cannot express, applied after them and
         * only when {@code when} holds, so that requests it does not concern are still relayed as
         * the caller's bytes.
         */
        public Builder rewrite(Predicate<ProviderRequest> when, BiConsumer<ObjectNode, ProviderRequest> change) {
            rewrites.add(new RequestEdits.Rewrite(when, change));
            return this;
        }

        /**
         * A provider {@code finish_reason} and the OpenAI value it stands for, applied to answers
         * and stream chunks in strict mode (the default); values not listed pass unchanged.
         */
        public Builder finishReason(String providerValue, String openAiValue) {
            finishReasons.put(providerValue, openAiValue);
            return this;
        }

        /** Adjusts every JSON stream chunk in place before it is relayed, e.g. to lift usage. */
        public Builder chunkAdjuster(Consumer<ObjectNode> adjuster) {
            this.chunkAdjuster = adjuster;
            return this;
        }

        /** Whether {@code developer} messages become {@code system} (default true: most need it). */
        public Builder developerAsSystem(boolean value) {
            this.developerAsSystem = value;
            return this;
        }

        /**
         * Relay answers byte for byte, without adding the {@code provider} field (OpenAI itself:
         * Portkey passes its bodies through unchanged).
         */
        public Builder relay(boolean value) {
            this.relay = value;
            return this;
        }

        public OpenAiCompatibleProvider build() {
            if (baseUrl == null) {
                throw new IllegalStateException("baseUrl is required for " + id);
            }
            return new OpenAiCompatibleProvider(this);
        }
    }
}
