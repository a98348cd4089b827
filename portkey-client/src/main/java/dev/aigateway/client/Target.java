package dev.aigateway.client;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One entry of a config's {@code targets}: a provider leaf ({@code provider}, {@code api_key},
 * provider fields, {@code override_params}, ...) or, since the schema is recursive, a nested group
 * with its own {@code strategy} and targets. A load-balanced pair nested inside a fallback:
 *
 * <pre>{@code
 * Target.builder()
 *         .strategy(Strategy.loadbalance())
 *         .addTarget(Target.builder().provider("anthropic").apiKey(k1).weight(0.7).build())
 *         .addTarget(Target.builder().provider("bedrock").awsRegion("us-east-1")
 *                 .awsAccessKeyId(id).awsSecretAccessKey(secret).weight(0.3).build())
 *         .build();
 * }</pre>
 *
 * Immutable and thread-safe; see {@link PortkeyConfig} for the JSON rules.
 */
public final class Target extends ConfigValue {
    private Target(ObjectNode json) {
        super(json);
    }

    public static Builder builder() {
        return new Builder(null);
    }

    /** A builder starting from this target. */
    public Builder newBuilder() {
        return new Builder(json());
    }

    /** Builds a {@link Target}; see {@link ConfigNodeBuilder} for the setters. Not thread-safe. */
    public static final class Builder extends ConfigNodeBuilder<Builder> {
        private Builder(ObjectNode from) {
            super(from);
        }

        @Override
        Builder self() {
            return this;
        }

        public Target build() {
            return new Target(toObjectNode());
        }
    }
}
