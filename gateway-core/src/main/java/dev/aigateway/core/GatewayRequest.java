package dev.aigateway.core;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aigateway.core.config.PortkeyHeaders;
import dev.aigateway.core.http.Headers;
import dev.aigateway.core.json.Json;

/**
 * One request to the gateway: an OpenAI-format body for a unified endpoint, plus the caller's
 * headers ({@code x-portkey-config}, {@code x-portkey-provider}, {@code Authorization}, ...).
 *
 * @param path the request path, e.g. {@code /v1/chat/completions}; conditions may match it
 * @param body the JSON body as sent; parsed once by the gateway
 * @param cancellation triggered when the caller goes away, to cancel upstream calls
 */
public record GatewayRequest(Endpoint endpoint, String path, Headers headers, byte[] body, Cancellation cancellation) {

    /** A request for {@code endpoint} at its standard {@code /v1} path. */
    public static Builder builder(Endpoint endpoint) {
        return new Builder(endpoint);
    }

    /** Builds a {@link GatewayRequest}; not thread-safe. */
    public static final class Builder {
        private final Endpoint endpoint;
        private String path;
        private final Headers.Builder headers = Headers.builder();
        private byte[] body = new byte[0];
        private Cancellation cancellation = Cancellation.none();

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
            return this;
        }

        public Builder body(byte[] value) {
            this.body = value;
            return this;
        }

        public Builder body(JsonNode value) {
            this.body = Json.bytes(value);
            return this;
        }

        public Builder body(String json) {
            this.body = json.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            return this;
        }

        public Builder cancellation(Cancellation value) {
            this.cancellation = value;
            return this;
        }

        public GatewayRequest build() {
            return new GatewayRequest(endpoint, path, headers.build(), body, cancellation);
        }
    }
}
