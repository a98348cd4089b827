package dev.aigateway.client;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Typed {@code createHeaders} options. Each setter stores the Node SDK's option key (named in its
 * Javadoc), so {@code Portkey.createHeaders(options)} gives exactly what {@code
 * Portkey.createHeaders(options.asMap())} gives; headers come out in the order the setters were
 * first called. Setting {@code null} removes an option; {@link Builder#option(String, Object)} adds
 * any other key. There is a setter for every option of Portkey's Node and Python SDKs that reaches
 * the gateway; the SDK clients' own switches ({@code calculateAudioDuration}, {@code
 * dangerouslyAllowBrowser}, {@code baseURL}) have none. Immutable; maps are copied shallowly. The
 * builder is not thread-safe.
 */
public final class HeaderOptions {
    private final Map<String, Object> options;

    private HeaderOptions(Map<String, Object> options) {
        this.options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding these options, to derive variants (for example a per-request trace id). */
    public Builder newBuilder() {
        Builder builder = new Builder();
        builder.options.putAll(options);
        return builder;
    }

    /** The options as the Node SDK's object literal: camelCase keys in insertion order. Unmodifiable. */
    public Map<String, Object> asMap() {
        return options;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof HeaderOptions that && options.equals(that.options);
    }

    @Override
    public int hashCode() {
        return options.hashCode();
    }

    /** Names the options set, never their values: they include keys and secrets. */
    @Override
    public String toString() {
        return "HeaderOptions" + options.keySet();
    }

    /** Collects options. Every setter returns this builder. */
    public static final class Builder {
        private final Map<String, Object> options = new LinkedHashMap<>();

        private Builder() {}

        /**
         * Sets any option by its Node key (camelCase, e.g. {@code spanId}); {@code null} removes it.
         * The value follows the rules of {@link Portkey#createHeaders(Map)}.
         */
        public Builder option(String key, Object value) {
            Objects.requireNonNull(key, "key");
            if (value == null) {
                options.remove(key);
            } else {
                options.put(key, value);
            }
            return this;
        }

        /** {@code provider}: the provider slug, e.g. {@code openai}, {@code anthropic}. */
        public Builder provider(String provider) {
            return option("provider", provider);
        }

        /** {@code apiKey}: the <em>Portkey</em> API key ({@code x-portkey-api-key}), for hosted Portkey. */
        public Builder apiKey(String apiKey) {
            return option("apiKey", apiKey);
        }

        /** {@code virtualKey}: a hosted-Portkey virtual key. */
        public Builder virtualKey(String virtualKey) {
            return option("virtualKey", virtualKey);
        }

        /** {@code config}: a saved-config id ({@code pc-...}) or ready JSON, sent unchanged. */
        public Builder config(String config) {
            return option("config", config);
        }

        /** {@code config}: a typed gateway config, sent as compact JSON. */
        public Builder config(PortkeyConfig config) {
            return option("config", config);
        }

        /** {@code config}: a config as plain maps and lists with Portkey's snake_case keys. */
        public Builder config(Map<String, ?> config) {
            return option("config", copy(config));
        }

        /** {@code traceId}: the request's trace id; must be printable ASCII. */
        public Builder traceId(String traceId) {
            return option("traceId", traceId);
        }

        /** {@code metadata}: sent as JSON; conditional routing reads it as {@code metadata.<key>}. */
        public Builder metadata(Map<String, ?> metadata) {
            return option("metadata", copy(metadata));
        }

        /**
         * {@code Authorization}: sent unchanged as {@code authorization} (add {@code Bearer }
         * yourself). With openai-java prefer its {@code apiKey(...)}; see {@link Portkey}.
         */
        public Builder authorization(String authorization) {
            return option("Authorization", authorization);
        }

        /** {@code customHost}: replaces the provider's base URL, e.g. {@code http://localhost:11434/v1}. */
        public Builder customHost(String customHost) {
            return option("customHost", customHost);
        }

        /** {@code forwardHeaders}: request headers the gateway copies to the provider. */
        public Builder forwardHeaders(List<String> headerNames) {
            return option("forwardHeaders", headerNames == null ? null : List.copyOf(headerNames));
        }

        /** {@code forwardHeaders}: request headers the gateway copies to the provider. */
        public Builder forwardHeaders(String... headerNames) {
            return forwardHeaders(List.of(headerNames));
        }

        /** {@code requestTimeout}: the per-attempt timeout, sent in milliseconds; not negative. */
        public Builder requestTimeout(Duration timeout) {
            if (timeout != null && timeout.isNegative()) {
                throw new IllegalArgumentException("requestTimeout must not be negative: " + timeout);
            }
            return option("requestTimeout", timeout == null ? null : timeout.toMillis());
        }

        /** {@code cacheForceRefresh}: skip the cache read (the response is still cached). */
        public Builder cacheForceRefresh(boolean refresh) {
            return option("cacheForceRefresh", refresh);
        }

        /** {@code cacheNamespace}: a hosted-Portkey cache partition. */
        public Builder cacheNamespace(String namespace) {
            return option("cacheNamespace", namespace);
        }

        /** {@code debug}: hosted-Portkey logging switch. */
        public Builder debug(boolean debug) {
            return option("debug", debug);
        }

        /** {@code strictOpenAiCompliance}: {@code false} lets provider-specific response fields through. */
        public Builder strictOpenAiCompliance(boolean strict) {
            return option("strictOpenAiCompliance", strict);
        }

        /** {@code openaiOrganization}: sent to OpenAI as {@code OpenAI-Organization}. */
        public Builder openaiOrganization(String organization) {
            return option("openaiOrganization", organization);
        }

        /** {@code openaiProject}: sent to OpenAI as {@code OpenAI-Project}. */
        public Builder openaiProject(String project) {
            return option("openaiProject", project);
        }

        /** {@code azureResourceName} (Azure OpenAI). */
        public Builder azureResourceName(String resourceName) {
            return option("azureResourceName", resourceName);
        }

        /** {@code azureDeploymentId} (Azure OpenAI). */
        public Builder azureDeploymentId(String deploymentId) {
            return option("azureDeploymentId", deploymentId);
        }

        /** {@code azureApiVersion} (Azure OpenAI, Azure AI). */
        public Builder azureApiVersion(String apiVersion) {
            return option("azureApiVersion", apiVersion);
        }

        /** {@code azureEndpointName} (Azure AI). */
        public Builder azureEndpointName(String endpointName) {
            return option("azureEndpointName", endpointName);
        }

        /** {@code azureModelName} (Azure OpenAI); read by the gateway, not typed in the Node SDK. */
        public Builder azureModelName(String modelName) {
            return option("azureModelName", modelName);
        }

        /** {@code azureAuthMode}: {@code entra}, {@code managed} or {@code workload}; read by the gateway. */
        public Builder azureAuthMode(String authMode) {
            return option("azureAuthMode", authMode);
        }

        /** {@code azureAdToken} (Azure); read by the gateway, not typed in the Node SDK. */
        public Builder azureAdToken(String adToken) {
            return option("azureAdToken", adToken);
        }

        /** {@code awsAccessKeyId} (Bedrock, SageMaker). */
        public Builder awsAccessKeyId(String accessKeyId) {
            return option("awsAccessKeyId", accessKeyId);
        }

        /** {@code awsSecretAccessKey} (Bedrock, SageMaker). */
        public Builder awsSecretAccessKey(String secretAccessKey) {
            return option("awsSecretAccessKey", secretAccessKey);
        }

        /** {@code awsSessionToken} (Bedrock, SageMaker). */
        public Builder awsSessionToken(String sessionToken) {
            return option("awsSessionToken", sessionToken);
        }

        /** {@code awsRegion} (Bedrock, SageMaker). */
        public Builder awsRegion(String region) {
            return option("awsRegion", region);
        }

        /** {@code awsRoleArn}: a role to assume; read by the gateway, not typed in the Node SDK. */
        public Builder awsRoleArn(String roleArn) {
            return option("awsRoleArn", roleArn);
        }

        /** {@code awsAuthType}: {@code assumedRole} or {@code apiKey}; read by the gateway. */
        public Builder awsAuthType(String authType) {
            return option("awsAuthType", authType);
        }

        /** {@code awsExternalId}: for the assumed role; read by the gateway. */
        public Builder awsExternalId(String externalId) {
            return option("awsExternalId", externalId);
        }

        /** {@code awsS3Bucket}: Bedrock batch and file uploads. */
        public Builder awsS3Bucket(String bucket) {
            return option("awsS3Bucket", bucket);
        }

        /** {@code awsS3ObjectKey}: Bedrock batch and file uploads. */
        public Builder awsS3ObjectKey(String objectKey) {
            return option("awsS3ObjectKey", objectKey);
        }

        /** {@code awsBedrockModel}: Bedrock batches and fine-tuning. */
        public Builder awsBedrockModel(String model) {
            return option("awsBedrockModel", model);
        }

        /** {@code vertexProjectId} (Vertex AI). */
        public Builder vertexProjectId(String projectId) {
            return option("vertexProjectId", projectId);
        }

        /** {@code vertexRegion} (Vertex AI). */
        public Builder vertexRegion(String region) {
            return option("vertexRegion", region);
        }

        /** {@code vertexStorageBucketName}: Vertex AI batch and file uploads. */
        public Builder vertexStorageBucketName(String bucketName) {
            return option("vertexStorageBucketName", bucketName);
        }

        /** {@code vertexServiceAccountJson}: the service-account key as a map, sent as JSON. */
        public Builder vertexServiceAccountJson(Map<String, ?> serviceAccount) {
            return option("vertexServiceAccountJson", copy(serviceAccount));
        }

        /** {@code anthropicBeta}: Anthropic's {@code anthropic-beta} value. */
        public Builder anthropicBeta(String beta) {
            return option("anthropicBeta", beta);
        }

        /** {@code anthropicVersion}: Anthropic's {@code anthropic-version} value. */
        public Builder anthropicVersion(String version) {
            return option("anthropicVersion", version);
        }

        /** {@code workersAiAccountId} (Cloudflare Workers AI). */
        public Builder workersAiAccountId(String accountId) {
            return option("workersAiAccountId", accountId);
        }

        /** {@code huggingfaceBaseUrl}: a dedicated Hugging Face endpoint. */
        public Builder huggingfaceBaseUrl(String baseUrl) {
            return option("huggingfaceBaseUrl", baseUrl);
        }

        /** {@code mistralFimCompletion}: {@code true} routes Mistral to {@code /fim/completions}. */
        public Builder mistralFimCompletion(boolean fim) {
            return option("mistralFimCompletion", fim);
        }

        /** {@code fireworksAccountId} (Fireworks AI files and fine-tuning). */
        public Builder fireworksAccountId(String accountId) {
            return option("fireworksAccountId", accountId);
        }

        /** {@code providerFileName}: file name for provider uploads (Bedrock, Vertex). */
        public Builder providerFileName(String fileName) {
            return option("providerFileName", fileName);
        }

        /** {@code providerModel}: model for provider batches and fine-tuning (Bedrock, Vertex). */
        public Builder providerModel(String model) {
            return option("providerModel", model);
        }

        public HeaderOptions build() {
            return new HeaderOptions(options);
        }

        private static Map<String, ?> copy(Map<String, ?> map) {
            return map == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(map));
        }
    }
}
