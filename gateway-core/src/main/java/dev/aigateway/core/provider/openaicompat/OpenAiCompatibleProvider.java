package dev.aigateway.core.provider.openaicompat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aigateway.core.Endpoint;
import dev.aigateway.core.http.Headers;
import dev.aigateway.core.provider.EndpointTransform;
import dev.aigateway.core.provider.Provider;
import dev.aigateway.core.provider.ProviderApi;
import dev.aigateway.core.provider.ProviderErrors;
import dev.aigateway.core.provider.ProviderRequest;
import dev.aigateway.core.provider.StreamTransform;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * A provider that speaks OpenAI's wire format, built from a few facts: base URL, paths per
 * endpoint, auth header, and the parameters it rejects. Unknown parameters are passed through, so
 * new OpenAI features reach the upstream. Immutable and thread-safe.
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
        /** {@code Authorization: Bearer <key>} */
        BEARER,
        /** No authentication header (local servers such as Ollama). */
        NONE
    }

    private final String id;
    private final Function<ProviderRequest, String> baseUrl;
    private final Map<Endpoint, String> paths;
    private final Auth auth;
    private final Map<String, String> staticHeaders;
    private final Set<String> excluded;
    private final Map<String, String> renamed;
    private final boolean developerAsSystem;
    private final boolean relay;
    private final Transform transform = new Transform();

    private OpenAiCompatibleProvider(Builder b) {
        this.id = b.id;
        this.baseUrl = b.baseUrl;
        this.paths = Map.copyOf(b.paths);
        this.auth = b.auth;
        this.staticHeaders = Map.copyOf(b.staticHeaders);
        this.excluded = Set.copyOf(b.excluded);
        this.renamed = Map.copyOf(b.renamed);
        this.developerAsSystem = b.developerAsSystem;
        this.relay = b.relay;
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
    public Optional<EndpointTransform> transform(Endpoint endpoint) {
        return paths.containsKey(endpoint) ? Optional.of(transform) : Optional.empty();
    }

    @Override
    public String baseUrl(ProviderRequest request) {
        return baseUrl.apply(request);
    }

    @Override
    public String path(ProviderRequest request, JsonNode providerBody) {
        return paths.get(request.endpoint());
    }

    @Override
    public void headers(ProviderRequest request, Headers.Builder headers) {
        if (auth == Auth.BEARER) {
            request.options().apiKey().ifPresent(key -> headers.set("authorization", "Bearer " + key));
        }
        staticHeaders.forEach(headers::set);
    }

    private final class Transform implements EndpointTransform {
        @Override
        public JsonNode request(ProviderRequest request) {
            ObjectNode params = request.params();
            boolean rolesToMap = developerAsSystem && hasDeveloperMessage(params);
            boolean fieldsToChange = excluded.stream().anyMatch(params::has)
                    || renamed.keySet().stream().anyMatch(params::has);
            if (!rolesToMap && !fieldsToChange) {
                return params; // unchanged: the caller's bytes are relayed
            }
            ObjectNode body = params.deepCopy();
            excluded.forEach(body::remove);
            renamed.forEach((from, to) -> {
                JsonNode value = body.remove(from);
                if (value != null) {
                    body.set(to, value);
                }
            });
            if (rolesToMap) {
                for (JsonNode message : body.withArray("messages")) {
                    if (message instanceof ObjectNode m
                            && "developer".equals(m.path("role").asText())) {
                        m.put("role", "system");
                    }
                }
            }
            return body;
        }

        @Override
        public JsonNode response(JsonNode providerBody, ProviderRequest request) {
            if (!relay && providerBody instanceof ObjectNode object) {
                object.put("provider", id);
            }
            return providerBody;
        }

        @Override
        public ObjectNode error(int status, byte[] body, ProviderRequest request) {
            return ProviderErrors.openAiStyle(id, status, body);
        }

        @Override
        public StreamTransform stream(ProviderRequest request) {
            return new RelayStream(relay ? null : id);
        }

        @Override
        public boolean relaysResponse() {
            return relay;
        }
    }

    private static boolean hasDeveloperMessage(ObjectNode params) {
        JsonNode messages = params.get("messages");
        if (messages instanceof ArrayNode array) {
            for (JsonNode message : array) {
                if ("developer".equals(message.path("role").asText())) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Builds an {@link OpenAiCompatibleProvider}; not thread-safe. */
    public static final class Builder {
        private final String id;
        private Function<ProviderRequest, String> baseUrl;
        private final Map<Endpoint, String> paths = new EnumMap<>(Endpoint.class);
        private Auth auth = Auth.BEARER;
        private final Map<String, String> staticHeaders = new LinkedHashMap<>();
        private final java.util.Set<String> excluded = new java.util.HashSet<>();
        private final Map<String, String> renamed = new LinkedHashMap<>();
        private boolean developerAsSystem = true;
        private boolean relay;

        private Builder(String id) {
            this.id = id;
            paths.put(Endpoint.CHAT_COMPLETE, Endpoint.CHAT_COMPLETE.openAiPath());
        }

        public Builder baseUrl(String url) {
            return baseUrl(request -> url);
        }

        /** A base URL computed per call, e.g. from provider fields. */
        public Builder baseUrl(Function<ProviderRequest, String> url) {
            this.baseUrl = url;
            return this;
        }

        /** Serves {@code endpoint} at {@code path} (relative to the base URL). */
        public Builder endpoint(Endpoint endpoint, String path) {
            paths.put(endpoint, path);
            return this;
        }

        public Builder auth(Auth auth) {
            this.auth = auth;
            return this;
        }

        /** A header sent on every call, e.g. OpenRouter's {@code X-Title}. */
        public Builder header(String name, String value) {
            staticHeaders.put(name, value);
            return this;
        }

        /** Parameters this provider rejects; they are removed before sending. */
        public Builder exclude(String... params) {
            excluded.addAll(List.of(params));
            return this;
        }

        /** A parameter this provider names differently, e.g. {@code seed} to {@code random_seed}. */
        public Builder rename(String from, String to) {
            renamed.put(from, to);
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
