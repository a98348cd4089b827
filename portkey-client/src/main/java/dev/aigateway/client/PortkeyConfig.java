package dev.aigateway.client;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A whole gateway config, the value of the {@code x-portkey-config} header, in Portkey's snake_case
 * schema. A fallback from Google to OpenAI with a model override:
 *
 * <pre>{@code
 * PortkeyConfig config = PortkeyConfig.builder()
 *         .strategy(Strategy.fallback())
 *         .addTarget(Target.builder().provider("google").apiKey(geminiKey).build())
 *         .addTarget(Target.builder().provider("openai").apiKey(openAiKey)
 *                 .overrideParams(Map.of("model", "gpt-4o")).build())
 *         .build();
 * Map<String, String> headers = Portkey.createHeaders(HeaderOptions.builder().config(config).build());
 * }</pre>
 *
 * {@link #toJson()} gives {@code
 * {"strategy":{"mode":"fallback"},"targets":[{"provider":"google","api_key":"..."},...]}}: compact,
 * keys in the order described on {@link ConfigNodeBuilder}, absent values omitted, non-ASCII escaped.
 * The builder checks types, not the gateway's rules (such as "provider needs api_key"): the gateway
 * validates the config it receives. Immutable and thread-safe.
 */
public final class PortkeyConfig extends ConfigValue {
    private PortkeyConfig(ObjectNode json) {
        super(json);
    }

    public static Builder builder() {
        return new Builder(null);
    }

    /** A builder starting from this config, e.g. to derive a per-request variant. */
    public Builder newBuilder() {
        return new Builder(json());
    }

    /** Builds a {@link PortkeyConfig}; see {@link ConfigNodeBuilder} for the setters. Not thread-safe. */
    public static final class Builder extends ConfigNodeBuilder<Builder> {
        private Builder(ObjectNode from) {
            super(from);
        }

        @Override
        Builder self() {
            return this;
        }

        public PortkeyConfig build() {
            return new PortkeyConfig(toObjectNode());
        }
    }
}
