package dev.aigateway.core.config;

import static dev.aigateway.core.config.ConfigFields.bool;
import static dev.aigateway.core.config.ConfigFields.cache;
import static dev.aigateway.core.config.ConfigFields.forwardHeaders;
import static dev.aigateway.core.config.ConfigFields.join;
import static dev.aigateway.core.config.ConfigFields.optional;
import static dev.aigateway.core.config.ConfigFields.overrideParams;
import static dev.aigateway.core.config.ConfigFields.retry;
import static dev.aigateway.core.config.ConfigFields.strategy;
import static dev.aigateway.core.config.ConfigFields.string;
import static dev.aigateway.core.config.ConfigFields.timeout;
import static dev.aigateway.core.config.ConfigFields.weight;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aigateway.core.error.ConfigException;
import dev.aigateway.core.error.GatewayException;
import dev.aigateway.core.http.HeaderRules;
import dev.aigateway.core.internal.BoundedCache;
import dev.aigateway.core.internal.Json;
import dev.aigateway.core.provider.Providers;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Parses {@code x-portkey-config} JSON into an immutable {@link Target} tree.
 * Keys may be snake_case or camelCase. Every problem is a {@link ConfigException} (400) naming the
 * JSON path, e.g. {@code targets[1].retry.attempts}; a config beyond {@link ConfigLimits} is one of
 * them. Unlike Portkey, a target need not carry an
 * {@code api_key}: the provider rejects the call and fallback moves on. Thread-safe.
 */
public final class ConfigParser {
    private final Providers providers;
    private final CustomHostValidator hosts;

    public ConfigParser(Providers providers, CustomHostValidator hosts) {
        this.providers = providers;
        this.hosts = hosts;
    }

    /** How many distinct config texts are kept parsed; past that the cache starts over. */
    static final int CACHED_CONFIGS = 512;

    /** Longer config texts are parsed every time rather than kept. */
    static final int MAX_CACHED_LENGTH = 32 * 1024;

    private final BoundedCache<String, Target> parsed = new BoundedCache<>(CACHED_CONFIGS);

    /**
     * Parses an {@code x-portkey-config} value. An application sends the same config with nearly
     * every request, so valid configs are kept by their text (the tree is immutable); invalid ones
     * are parsed, and rejected, every time.
     */
    public Target parse(String json) {
        if (json.length() > ConfigLimits.MAX_CONFIG_CHARS) {
            throw new ConfigException(
                    "",
                    "x-portkey-config is " + json.length() + " characters long; the limit is "
                            + ConfigLimits.MAX_CONFIG_CHARS);
        }
        return json.length() <= MAX_CACHED_LENGTH ? parsed.get(json, this::parseText) : parseText(json);
    }

    private Target parseText(String json) {
        String text = json.strip();
        if (text.startsWith("pc-")) {
            throw GatewayException.badRequest(
                    "Saved config ids such as '" + abbreviate(text)
                            + "' are only resolved by Portkey's hosted API; a local gateway needs the config JSON itself in x-portkey-config");
        }
        JsonNode node;
        try {
            node = Json.parse(text);
        } catch (JsonProcessingException e) {
            throw GatewayException.badRequest("Invalid config passed. You need to pass a valid json");
        }
        return parse(node);
    }

    /** Parses a config given as a tree (an embedding application's); not cached. */
    public Target parse(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw GatewayException.badRequest("Invalid config passed. You need to pass a valid json object");
        }
        if (node.has("options")) {
            throw GatewayException.badRequest(
                    "This version of config is not supported in this route. Please migrate to the latest version");
        }
        Target root = target(node, "", 0);
        UpstreamCalls.check(root, Optional.empty(), "");
        return root;
    }

    /** Whether this gateway implements {@code provider}. */
    public boolean isSupported(String provider) {
        return providers.find(provider).isPresent();
    }

    /** Why {@code provider} cannot be used: unknown, or known to Portkey but not implemented here. */
    public String providerProblem(String provider) {
        if (Providers.isPortkeySlug(provider)) {
            return "provider '" + provider + "' is not supported by this gateway yet";
        }
        return "Invalid provider passed: '" + provider + "'. Supported providers: "
                + String.join(", ", providers.all().stream().map(p -> p.id()).toList());
    }

    /** Why {@code host} is refused as a custom host, if it is. */
    public Optional<String> hostProblem(String host) {
        return hosts.problem(host);
    }

    /** The node at {@code path}, {@code depth} levels of {@code targets} below the root. */
    private Target target(JsonNode node, String path, int depth) {
        if (!node.isObject()) {
            throw new ConfigException(path.isEmpty() ? "config" : path, "must be an object");
        }
        Map<String, JsonNode> keys = new LinkedHashMap<>();
        Map<String, String> fields = new HashMap<>();
        Map<String, JsonNode> hookKeys = new HashMap<>();
        String apiKeyName = "api_key";
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            String key = ConfigKeys.snake(entry.getKey());
            JsonNode value = entry.getValue();
            if (ConfigKeys.STRUCTURAL.contains(key)) {
                keys.put(key, value);
                apiKeyName = key.equals("api_key") ? entry.getKey() : apiKeyName;
            } else if (ConfigKeys.HOOKS.contains(key)) {
                hookKeys.put(key, value);
            } else if (!ConfigKeys.IGNORED.contains(key) && !value.isNull()) {
                fields.put(ConfigKeys.camel(key), providerField(value, join(path, entry.getKey())));
            }
        }
        String apiKeyPath = join(path, apiKeyName);
        Optional<Strategy> strategy = optional(keys, "strategy").map(s -> strategy(s, join(path, "strategy")));
        List<Target> targets = targets(keys.get("targets"), path, depth);
        Optional<String> provider = string(keys, "provider", path);
        provider.filter(p -> !isSupported(p)).ifPresent(p -> {
            throw new ConfigException(join(path, "provider"), providerProblem(p));
        });
        Optional<String> customHost = string(keys, "custom_host", path);
        customHost.flatMap(hosts::problem).ifPresent(problem -> {
            throw new ConfigException(join(path, "custom_host"), "Invalid custom host: " + problem);
        });
        Target target = new Target(
                string(keys, "name", path),
                strategy,
                targets,
                provider,
                string(keys, "api_key", path).map(key -> headerSafe(key, apiKeyPath)),
                fields,
                overrideParams(keys.get("override_params"), join(path, "override_params")),
                optional(keys, "retry").map(r -> retry(r, join(path, "retry"))),
                optional(keys, "cache").map(c -> cacheConfig(c, join(path, "cache"))),
                timeout(keys.get("request_timeout"), join(path, "request_timeout")),
                customHost,
                forwardHeaders(keys.get("forward_headers"), join(path, "forward_headers")),
                bool(keys.get("strict_open_ai_compliance"), join(path, "strict_open_ai_compliance")),
                weight(keys.get("weight"), join(path, "weight")),
                timeout(keys.get("stream_idle_timeout"), join(path, "stream_idle_timeout")),
                HookParser.parse(hookKeys, path)
                        .map(hooks -> TargetExtensions.NONE.with(HookConfig.KEY, hooks))
                        .orElse(TargetExtensions.NONE));
        checkShape(target, path);
        return target;
    }

    /**
     * A provider field as text. Scalar fields end up in upstream headers (keys, versions, betas,
     * titles) or URLs (resource and deployment names), so they must be printable ASCII; object
     * fields are kept as JSON text, which escapes control characters, for providers that read them
     * as JSON.
     */
    private static String providerField(JsonNode value, String path) {
        return value.isValueNode() ? headerSafe(value.asText(), path) : Json.text(value);
    }

    /** {@code value}, or a {@link ConfigException} naming {@code path} when a header could not carry it. */
    private static String headerSafe(String value, String path) {
        HeaderRules.valueProblem(value).ifPresent(problem -> {
            throw new ConfigException(path, problem);
        });
        return value;
    }

    /**
     * A node's {@code cache}, with its {@code embeddings} target (semantic mode) checked as a leaf
     * target is: a registered provider, an allowed custom host. A {@code model} given beside the
     * provider moves into the target's {@code override_params}.
     */
    private CacheConfig cacheConfig(JsonNode node, String path) {
        CacheConfig cache = cache(node, path);
        JsonNode embeddings = node.get("embeddings");
        if (embeddings == null || embeddings.isNull()) {
            return cache;
        }
        String at = join(path, "embeddings");
        if (!embeddings.isObject()) {
            throw new ConfigException(at, "must be a target object with a provider");
        }
        if (embeddings.has("targets") || embeddings.has("strategy") || !embeddings.has("provider")) {
            throw new ConfigException(at, "must be a single target with a provider");
        }
        ObjectNode target = (ObjectNode) embeddings.deepCopy();
        JsonNode model = target.remove("model");
        if (model != null && !model.isNull()) {
            if (!model.isTextual()) {
                throw new ConfigException(join(at, "model"), "must be a model name");
            }
            ObjectNode overrides = target.has("override_params")
                            && target.get("override_params").isObject()
                    ? (ObjectNode) target.get("override_params")
                    : target.putObject("override_params");
            overrides.set("model", model);
        }
        Target parsed = target(target, at, ConfigLimits.MAX_DEPTH);
        if (!parsed.isLeaf() || parsed.provider().isEmpty()) {
            throw new ConfigException(at, "must be a single target with a provider");
        }
        return new CacheConfig(cache.mode(), cache.maxAgeSeconds(), cache.similarity(), Optional.of(target));
    }

    private void checkShape(Target target, String path) {
        if (target.strategy().isEmpty()) {
            if (!target.targets().isEmpty()) {
                throw new ConfigException(
                        join(path, "strategy"), "a strategy with a mode is required when targets are given");
            }
            if (target.provider().isEmpty() && !path.isEmpty()) {
                throw new ConfigException(path, "a target needs either a provider or a strategy with targets");
            }
            return;
        }
        if (target.targets().isEmpty()) {
            throw new ConfigException(join(path, "targets"), "a strategy needs a non-empty targets array");
        }
        Strategy strategy = target.strategy().get();
        if (strategy.mode() == StrategyMode.LOADBALANCE
                && target.targets().stream().allMatch(t -> t.effectiveWeight() == 0)) {
            throw new ConfigException(
                    join(path, "targets"), "loadbalance needs at least one target with a weight above 0");
        }
        if (strategy.mode() == StrategyMode.CONDITIONAL) {
            checkConditional(target, strategy, path);
        }
    }

    private static void checkConditional(Target target, Strategy strategy, String path) {
        Set<String> names = new LinkedHashSet<>();
        target.targets().forEach(t -> t.name().ifPresent(names::add));
        if (strategy.conditions().isEmpty()) {
            throw new ConfigException(join(path, "strategy.conditions"), "No conditions passed in the query router");
        }
        for (int i = 0; i < strategy.conditions().size(); i++) {
            String then = strategy.conditions().get(i).then();
            if (!names.contains(then)) {
                throw new ConfigException(
                        join(path, "strategy.conditions[" + i + "].then"),
                        "Invalid target name found in the query router: " + then);
            }
        }
        strategy.defaultTarget().filter(d -> !names.contains(d)).ifPresent(d -> {
            throw new ConfigException(
                    join(path, "strategy.default"), "Invalid target name found in the query router: " + d);
        });
    }

    private List<Target> targets(JsonNode node, String path, int depth) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        String at = join(path, "targets");
        if (!node.isArray()) {
            throw new ConfigException(at, "must be an array");
        }
        if (node.size() > ConfigLimits.MAX_TARGETS_PER_NODE) {
            throw new ConfigException(
                    at, "has " + node.size() + " targets; the limit is " + ConfigLimits.MAX_TARGETS_PER_NODE);
        }
        if (depth >= ConfigLimits.MAX_DEPTH && !node.isEmpty()) {
            throw new ConfigException(
                    at, "nests targets " + (depth + 1) + " levels deep; the limit is " + ConfigLimits.MAX_DEPTH);
        }
        List<Target> targets = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            targets.add(target(node.get(i), join(path, "targets[" + i + "]"), depth + 1));
        }
        return targets;
    }

    private static String abbreviate(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "..." : text;
    }
}
