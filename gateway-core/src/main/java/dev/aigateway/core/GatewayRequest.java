package dev.aigateway.core;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aigateway.core.config.PortkeyHeaders;
import dev.aigateway.core.http.Headers;
import dev.aigateway.core.http.RawBody;
import dev.aigateway.core.http.RequestTarget;
import dev.aigateway.core.internal.Json;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One request to the gateway: a body for a unified endpoint, plus the caller's headers
 * ({@code x-portkey-config}, {@code x-portkey-provider}, {@code Authorization}, ...). The body and
 * the config may be given as bytes or text, as a server receives them, or as JSON trees, which an
 * embedding application has at hand: trees are used as they are, never written out and parsed
 * back. Immutable, except that the gateway reads a tree without copying it: do not change a tree
 * after handing it over.
 *
 * <p>Routes other than the JSON ones also have a method, a query string and path parameters
 * ({@link #target()}), and may carry a body the gateway sends on unread ({@link #rawBody()}: a
 * multipart form, audio bytes).
 */
public final class GatewayRequest {
    private final Endpoint endpoint;
    private final String path;
    private final Headers headers;
    private final byte[] body;
    private final Optional<JsonNode> bodyTree;
    private final Optional<JsonNode> configTree;
    private final Cancellation cancellation;
    private final RequestTarget target;
    private final Optional<RawBody> rawBody;

    private GatewayRequest(Builder builder) {
        this.endpoint = builder.endpoint;
        this.path = builder.path;
        this.headers = builder.headers.build();
        this.body = builder.body;
        this.bodyTree = Optional.ofNullable(builder.bodyTree);
        this.configTree = Optional.ofNullable(builder.configTree);
        this.cancellation = builder.cancellation;
        this.target = new RequestTarget(builder.method(), path, builder.query, builder.pathParams);
        this.rawBody = Optional.ofNullable(builder.rawBody);
    }

    /** A request for {@code endpoint} at its standard {@code /v1} path. */
    public static Builder builder(Endpoint endpoint) {
        return new Builder(endpoint);
    }

    public Endpoint endpoint() {
        return endpoint;
    }

    /** The request path, e.g. {@code /v1/chat/completions}; conditions may match it. */
    public String path() {
        return path;
    }

    public Headers headers() {
        return headers;
    }

    /** The body as sent; written out from the tree when it was given as one. */
    public byte[] body() {
        return bodyTree.map(Json::bytes).orElse(body);
    }

    /** The body as a tree, when it was given as one. */
    public Optional<JsonNode> bodyTree() {
        return bodyTree;
    }

    /**
     * The config as a tree, when it was given as one; it then takes the place of an
     * {@code x-portkey-config} header.
     */
    public Optional<JsonNode> configTree() {
        return configTree;
    }

    /** The method, path, query string and path parameters: where the caller sent the request. */
    public RequestTarget target() {
        return target;
    }

    /** A body sent on as it came, unread: a multipart form or raw bytes. */
    public Optional<RawBody> rawBody() {
        return rawBody;
    }

    /** Triggered when the caller goes away, to cancel upstream calls. */
    public Cancellation cancellation() {
        return cancellation;
    }

    @Override
    public String toString() {
        return "GatewayRequest[" + endpoint + " " + path + "]";
    }

    /** Builds a {@link GatewayRequest}; not thread-safe. */
    public static final class Builder {
        private final Endpoint endpoint;
        private String path;
        private final Headers.Builder headers = Headers.builder();
        private byte[] body = new byte[0];
        private JsonNode bodyTree;
        private JsonNode configTree;
        private Cancellation cancellation = Cancellation.none();
        private String method;
        private String query = "";
        private Map<String, String> pathParams = Map.of();
        private RawBody rawBody;

        private Builder(Endpoint endpoint) {
            this.endpoint = endpoint;
            this.path = "/v1" + endpoint.openAiPath();
        }

        public Builder path(String value) {
            this.path = value;
            return this;
        }

        public Builder header(String name, String value) {
            headers.add(name, value);
            return this;
        }

        public Builder headers(Headers value) {
            headers.addAll(value);
            return this;
        }

        /** Sets {@code x-portkey-config}. */
        public Builder config(String configJson) {
            headers.set(PortkeyHeaders.CONFIG, configJson);
            this.configTree = null;
            return this;
        }

        /** The config as a tree, used as it is (an {@code x-portkey-config} header is then ignored). */
        public Builder config(JsonNode config) {
            this.configTree = config;
            return this;
        }

        public Builder body(byte[] value) {
            this.body = value;
            this.bodyTree = null;
            return this;
        }

        /** The body as a tree, used as it is. */
        public Builder body(JsonNode value) {
            this.bodyTree = value;
            return this;
        }

        public Builder body(String json) {
            return body(json.getBytes(StandardCharsets.UTF_8));
        }

        /**
         * The body as a form or bytes to send on unread, e.g. {@code multipart/form-data} for a
         * transcription; it takes the place of a JSON body.
         */
        public Builder body(RawBody value) {
            this.rawBody = value;
            return this;
        }

        /** The HTTP method; by default the endpoint's ({@code POST} for the proxy). */
        public Builder method(String value) {
            this.method = value;
            return this;
        }

        /** The query string as sent, percent-encoded, without the {@code ?}. */
        public Builder query(String value) {
            this.query = value;
            return this;
        }

        /** A path parameter's value, e.g. {@code pathParam("file_id", "file-abc")}. */
        public Builder pathParam(String name, String value) {
            if (pathParams.isEmpty()) {
                pathParams = new LinkedHashMap<>();
            }
            pathParams.put(name, value);
            return this;
        }

        private String method() {
            if (method != null) {
                return method;
            }
            return endpoint.method().equals("*") ? "POST" : endpoint.method();
        }

        public Builder cancellation(Cancellation value) {
            this.cancellation = value;
            return this;
        }

        public GatewayRequest build() {
            return new GatewayRequest(this);
        }
    }
}
