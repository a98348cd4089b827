package dev.aigateway.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The setters shared by {@link PortkeyConfig.Builder} and {@link Target.Builder}: Portkey's config
 * schema is recursive, so a target may hold a strategy and targets of its own, to any depth. Each
 * setter writes one snake_case key; {@code null} removes it, and {@link #field(String, Object)}
 * writes any key the typed setters do not cover.
 *
 * <p>The JSON keys come out in a fixed, readable order whatever the order of the calls: {@code
 * name, strategy, provider, api_key, virtual_key}, then provider fields and other keys in the order
 * first set, then {@code weight, override_params, retry, cache, request_timeout, custom_host,
 * forward_headers, strict_open_ai_compliance}, the hooks, and {@code targets} last. Not
 * thread-safe; {@code build()} may be called repeatedly and later changes do not affect built values.
 *
 * @param <B> the concrete builder, returned by every setter
 */
public abstract class ConfigNodeBuilder<B extends ConfigNodeBuilder<B>> {
    private static final List<String> LEADING_KEYS = List.of("name", "strategy", "provider", "api_key", "virtual_key");
    private static final List<String> TRAILING_KEYS = List.of(
            "weight",
            "override_params",
            "retry",
            "cache",
            "request_timeout",
            "custom_host",
            "forward_headers",
            "strict_open_ai_compliance",
            "before_request_hooks",
            "after_request_hooks",
            "input_guardrails",
            "output_guardrails",
            "targets");

    private final Map<String, JsonNode> fields = new LinkedHashMap<>();

    /** Starts empty, or from a copy of {@code from}'s fields when it is not null. */
    ConfigNodeBuilder(ObjectNode from) {
        if (from != null) {
            from.properties()
                    .forEach(
                            field -> fields.put(field.getKey(), field.getValue().deepCopy()));
        }
    }

    abstract B self();

    /**
     * Sets any key to any JSON-serialisable value (string, number, boolean, map, list, {@link
     * JsonNode}, {@link ConfigValue}); {@code null} removes the key. The escape hatch for fields
     * without a typed setter, e.g. {@code field("azure_foundry_url", url)} or {@code field("id", ...)}.
     */
    public final B field(String name, Object value) {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("A config key must not be blank");
        }
        JsonNode node = toNode(value);
        if (node == null) {
            fields.remove(name);
        } else {
            fields.put(name, node);
        }
        return self();
    }

    /** {@code name}: how conditional strategies refer to this target. */
    public final B name(String name) {
        return field("name", name);
    }

    /** {@code strategy}: makes this node route among its {@link #addTarget(Target) targets}. */
    public final B strategy(Strategy strategy) {
        return field("strategy", strategy);
    }

    /** {@code provider}: the provider slug, e.g. {@code openai}, {@code google}, {@code bedrock}. */
    public final B provider(String provider) {
        return field("provider", provider);
    }

    /** {@code api_key}: the provider's API key. */
    public final B apiKey(String apiKey) {
        return field("api_key", apiKey);
    }

    /** {@code virtual_key}: a hosted-Portkey virtual key (ignored by the OSS gateway). */
    public final B virtualKey(String virtualKey) {
        return field("virtual_key", virtualKey);
    }

    /** {@code weight}: the share of a loadbalance parent's traffic (default 1; 0 is never picked). */
    public final B weight(double weight) {
        if (!(weight >= 0) || Double.isInfinite(weight)) {
            throw new IllegalArgumentException("weight must be a finite number >= 0: " + weight);
        }
        // 1 rather than 1.0 for whole weights, as people write them by hand.
        boolean whole = weight == Math.rint(weight) && weight < Long.MAX_VALUE;
        return field("weight", whole ? ConfigValue.wholeNumber((long) weight) : weight);
    }

    /** {@code override_params}: request-body fields this target replaces, e.g. {@code model}. */
    public final B overrideParams(Map<String, ?> params) {
        return field("override_params", params);
    }

    /** {@code retry}: the retry policy of each attempt on this node and below. */
    public final B retry(Retry retry) {
        return field("retry", retry);
    }

    /** {@code cache}: the cache policy. */
    public final B cache(Cache cache) {
        return field("cache", cache);
    }

    /** {@code request_timeout}: the per-attempt timeout, written in milliseconds. */
    public final B requestTimeout(Duration timeout) {
        if (timeout != null && timeout.isNegative()) {
            throw new IllegalArgumentException("requestTimeout must not be negative: " + timeout);
        }
        return field("request_timeout", timeout == null ? null : ConfigValue.wholeNumber(timeout.toMillis()));
    }

    /**
     * {@code stream_idle_timeout}, written in milliseconds: once a stream has begun, the longest gap
     * between its events before the gateway ends it (by default the request timeout).
     */
    public final B streamIdleTimeout(Duration timeout) {
        if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
            throw new IllegalArgumentException("streamIdleTimeout must be positive: " + timeout);
        }
        return field("stream_idle_timeout", timeout == null ? null : ConfigValue.wholeNumber(timeout.toMillis()));
    }

    /** {@code custom_host}: replaces the provider's base URL, e.g. {@code http://localhost:11434/v1}. */
    public final B customHost(String customHost) {
        return field("custom_host", customHost);
    }

    /** {@code forward_headers}: request headers the gateway copies to the provider. */
    public final B forwardHeaders(List<String> headerNames) {
        return field("forward_headers", headerNames);
    }

    /** {@code forward_headers}: request headers the gateway copies to the provider. */
    public final B forwardHeaders(String... headerNames) {
        return forwardHeaders(List.of(headerNames));
    }

    /** {@code strict_open_ai_compliance}: {@code false} lets provider-specific response fields through. */
    public final B strictOpenAiCompliance(boolean strict) {
        return field("strict_open_ai_compliance", strict);
    }

    /** Appends to {@code targets}; a target may itself have a strategy and targets. */
    public final B addTarget(Target target) {
        return append("targets", Objects.requireNonNull(target, "target"));
    }

    /** Appends a hook object (Portkey's {@code {id, type, checks, deny, ...}}) to {@code before_request_hooks}. */
    public final B addBeforeRequestHook(Map<String, ?> hook) {
        return append("before_request_hooks", Objects.requireNonNull(hook, "hook"));
    }

    /** Appends a hook object to {@code after_request_hooks}. */
    public final B addAfterRequestHook(Map<String, ?> hook) {
        return append("after_request_hooks", Objects.requireNonNull(hook, "hook"));
    }

    /** Appends a guardrail shorthand object, e.g. {@code {"default.contains": {...}, "deny": true}}. */
    public final B addInputGuardrail(Map<String, ?> guardrail) {
        return append("input_guardrails", Objects.requireNonNull(guardrail, "guardrail"));
    }

    /** Appends a hosted-Portkey guardrail id to {@code input_guardrails}. */
    public final B addInputGuardrail(String guardrailId) {
        return append("input_guardrails", Objects.requireNonNull(guardrailId, "guardrailId"));
    }

    /** Appends a guardrail shorthand object to {@code output_guardrails}. */
    public final B addOutputGuardrail(Map<String, ?> guardrail) {
        return append("output_guardrails", Objects.requireNonNull(guardrail, "guardrail"));
    }

    /** Appends a hosted-Portkey guardrail id to {@code output_guardrails}. */
    public final B addOutputGuardrail(String guardrailId) {
        return append("output_guardrails", Objects.requireNonNull(guardrailId, "guardrailId"));
    }

    /** {@code resource_name} (Azure OpenAI). */
    public final B resourceName(String resourceName) {
        return field("resource_name", resourceName);
    }

    /** {@code deployment_id} (Azure OpenAI). */
    public final B deploymentId(String deploymentId) {
        return field("deployment_id", deploymentId);
    }

    /** {@code api_version} (Azure). */
    public final B apiVersion(String apiVersion) {
        return field("api_version", apiVersion);
    }

    /** {@code azure_auth_mode}: {@code entra}, {@code managed} or {@code workload}. */
    public final B azureAuthMode(String authMode) {
        return field("azure_auth_mode", authMode);
    }

    /** {@code azure_model_name} (Azure OpenAI). */
    public final B azureModelName(String modelName) {
        return field("azure_model_name", modelName);
    }

    /** {@code azure_ad_token} (Azure): sent as a Bearer token instead of the api-key header. */
    public final B azureAdToken(String adToken) {
        return field("azure_ad_token", adToken);
    }

    /** {@code aws_access_key_id} (Bedrock, SageMaker). */
    public final B awsAccessKeyId(String accessKeyId) {
        return field("aws_access_key_id", accessKeyId);
    }

    /** {@code aws_secret_access_key} (Bedrock, SageMaker). */
    public final B awsSecretAccessKey(String secretAccessKey) {
        return field("aws_secret_access_key", secretAccessKey);
    }

    /** {@code aws_session_token} (Bedrock, SageMaker). */
    public final B awsSessionToken(String sessionToken) {
        return field("aws_session_token", sessionToken);
    }

    /** {@code aws_region} (Bedrock, SageMaker). */
    public final B awsRegion(String region) {
        return field("aws_region", region);
    }

    /** {@code aws_role_arn}: a role to assume. */
    public final B awsRoleArn(String roleArn) {
        return field("aws_role_arn", roleArn);
    }

    /** {@code aws_auth_type}: {@code assumedRole} or {@code apiKey}. */
    public final B awsAuthType(String authType) {
        return field("aws_auth_type", authType);
    }

    /** {@code vertex_project_id} (Vertex AI). */
    public final B vertexProjectId(String projectId) {
        return field("vertex_project_id", projectId);
    }

    /** {@code vertex_region} (Vertex AI). */
    public final B vertexRegion(String region) {
        return field("vertex_region", region);
    }

    /** {@code vertex_service_account_json}: the service-account key as an object. */
    public final B vertexServiceAccountJson(Map<String, ?> serviceAccount) {
        return field("vertex_service_account_json", serviceAccount);
    }

    /** {@code openai_organization}: sent to OpenAI as {@code OpenAI-Organization}. */
    public final B openaiOrganization(String organization) {
        return field("openai_organization", organization);
    }

    /** {@code openai_project}: sent to OpenAI as {@code OpenAI-Project}. */
    public final B openaiProject(String project) {
        return field("openai_project", project);
    }

    /** {@code anthropic_beta}: Anthropic's {@code anthropic-beta} value. */
    public final B anthropicBeta(String beta) {
        return field("anthropic_beta", beta);
    }

    /** {@code anthropic_version}: Anthropic's {@code anthropic-version} value. */
    public final B anthropicVersion(String version) {
        return field("anthropic_version", version);
    }

    /** The fields in the documented order, as a new object the caller owns. */
    final ObjectNode toObjectNode() {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        LEADING_KEYS.forEach(key -> copy(key, json));
        fields.keySet().stream()
                .filter(key -> !LEADING_KEYS.contains(key) && !TRAILING_KEYS.contains(key))
                .forEach(key -> copy(key, json));
        TRAILING_KEYS.forEach(key -> copy(key, json));
        return json;
    }

    private void copy(String key, ObjectNode into) {
        JsonNode value = fields.get(key);
        if (value != null) {
            into.set(key, value.deepCopy());
        }
    }

    private B append(String name, Object item) {
        JsonNode existing = fields.get(name);
        ArrayNode array = existing instanceof ArrayNode current ? current : JsonNodeFactory.instance.arrayNode();
        array.add(toNode(item));
        fields.put(name, array);
        return self();
    }

    /** A private tree for {@code value}, or {@code null} for an absent value. */
    private static JsonNode toNode(Object value) {
        JsonNode node = value instanceof JsonNode given ? given.deepCopy() : HeaderJson.tree(value);
        return node == null || node.isNull() || node.isMissingNode() ? null : node;
    }
}
