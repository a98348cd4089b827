package dev.aigateway.core.config;

import static dev.aigateway.core.config.ConfigFields.join;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aigateway.core.error.ConfigException;
import dev.aigateway.core.internal.Json;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Reads hooks as Portkey writes them: explicit hook objects ({@code before_request_hooks},
 * {@code after_request_hooks}) and the shorthand ({@code input_guardrails},
 * {@code output_guardrails}, {@code input_mutators}, {@code output_mutators}), where every key of an
 * item that is not a hook property is a check, {@code default.} added when it has no dot. A check
 * of a partner namespace (Portkey's hosted checks, third-party services) or an unknown
 * {@code default.*} check is refused with the path of the check.
 */
public final class HookParser {
    /** The checks of Portkey's {@code default} namespace, all of which this gateway runs. */
    public static final Set<String> DEFAULT_CHECKS = Set.of(
            "regexMatch",
            "sentenceCount",
            "wordCount",
            "characterCount",
            "jsonSchema",
            "jsonKeys",
            "contains",
            "validUrls",
            "webhook",
            "log",
            "containsCode",
            "alluppercase",
            "alllowercase",
            "endsWith",
            "modelWhitelist",
            "modelRules",
            "jwt",
            "requiredMetadataKeys",
            "addPrefix",
            "regexReplace",
            "allowedRequestTypes",
            "notNull");

    /** Portkey's plugin namespaces that call a hosted service: not available here. */
    static final Set<String> PARTNER_NAMESPACES = Set.of(
            "portkey",
            "qualifire",
            "aporia",
            "sydelabs",
            "pillar",
            "patronus",
            "mistral",
            "pangea",
            "promptfoo",
            "bedrock",
            "acuvity",
            "lasso",
            "exa",
            "azure",
            "promptsecurity",
            "panw-prisma-airs",
            "walledai",
            "javelin",
            "f5-guardrails",
            "crowdstrike-aidr");

    /** Keys of a shorthand item that are hook properties rather than checks. */
    private static final Set<String> RESERVED =
            Set.of("deny", "on_fail", "on_success", "async", "id", "type", "guardrail_version_id", "sequential");

    static final int MAX_HOOKS = 20;
    static final int MAX_CHECKS_PER_HOOK = 50;

    private HookParser() {}

    /** A node's hooks from its hook keys (snake_case names); empty when it sets none. */
    static Optional<HookConfig> parse(Map<String, JsonNode> hookKeys, String path) {
        Optional<List<HookSpec>> before =
                side(hookKeys, path, "before_request_hooks", "input_guardrails", "input_mutators", "input");
        Optional<List<HookSpec>> after =
                side(hookKeys, path, "after_request_hooks", "output_guardrails", "output_mutators", "output");
        return before.isEmpty() && after.isEmpty() ? Optional.empty() : Optional.of(HookConfig.own(before, after));
    }

    private static Optional<List<HookSpec>> side(
            Map<String, JsonNode> keys,
            String path,
            String explicitKey,
            String guardrailsKey,
            String mutatorsKey,
            String prefix) {
        JsonNode explicit = keys.get(explicitKey);
        JsonNode guardrails = keys.get(guardrailsKey);
        JsonNode mutators = keys.get(mutatorsKey);
        if (absent(explicit) && absent(guardrails) && absent(mutators)) {
            return Optional.empty();
        }
        List<HookSpec> hooks = new ArrayList<>();
        for (JsonNode hook : array(explicit, join(path, explicitKey))) {
            hooks.add(explicit(hook, join(path, explicitKey + "[" + hooks.size() + "]")));
        }
        hooks.addAll(shorthand(guardrails, join(path, guardrailsKey), prefix, HookType.GUARDRAIL));
        hooks.addAll(shorthand(mutators, join(path, mutatorsKey), prefix, HookType.MUTATOR));
        if (hooks.size() > MAX_HOOKS) {
            throw new ConfigException(
                    path, "sets " + hooks.size() + " " + prefix + " hooks; the limit is " + MAX_HOOKS);
        }
        return Optional.of(hooks);
    }

    /**
     * Hooks in the shorthand of {@code input_guardrails} (and of the default-guardrail headers):
     * an array of objects whose keys are checks, apart from the hook properties.
     *
     * @param prefix {@code input} or {@code output}: the generated hook ids are
     *     {@code input_guardrail_<3 characters>} as in Portkey
     */
    public static List<HookSpec> shorthand(JsonNode node, String path, String prefix, HookType type) {
        List<HookSpec> hooks = new ArrayList<>();
        List<JsonNode> items = array(node, path);
        for (int i = 0; i < items.size(); i++) {
            String at = path + "[" + i + "]";
            JsonNode item = items.get(i);
            if (!item.isObject()) {
                throw new ConfigException(
                        at, "must be an object whose keys are checks, such as {\"default.contains\":{...}}");
            }
            Map<String, JsonNode> properties = new HashMap<>();
            List<CheckSpec> checks = new ArrayList<>();
            for (Map.Entry<String, JsonNode> entry : item.properties()) {
                String snake = ConfigKeys.snake(entry.getKey());
                if (RESERVED.contains(snake)) {
                    properties.put(snake, entry.getValue());
                } else {
                    checks.add(shorthandCheck(entry.getKey(), entry.getValue(), join(at, entry.getKey())));
                }
            }
            Optional<String> id = text(properties.get("id"), join(at, "id"))
                    .or(() -> Optional.of(prefix + "_guardrail_" + randomSuffix()));
            Optional<HookType> given = type(properties.get("type"), join(at, "type"));
            hooks.add(hook(id, properties, given.or(() -> Optional.of(type)), checks, at));
        }
        return hooks;
    }

    private static CheckSpec shorthandCheck(String key, JsonNode value, String path) {
        ObjectNode parameters;
        if (value.isObject()) {
            parameters = (ObjectNode) value;
        } else if (value.isBoolean() && value.asBoolean() || value.isNull()) {
            parameters = Json.object();
        } else {
            throw new ConfigException(path, "must be an object of the check's parameters");
        }
        String id = text(parameters.get("id"), join(path, "id")).orElse(key);
        return new CheckSpec(checkId(qualified(id), path), parameters, enabled(parameters.get("is_enabled"), path));
    }

    private static HookSpec explicit(JsonNode node, String path) {
        if (!node.isObject()) {
            throw new ConfigException(path, "must be a hook object with an id, a type and checks");
        }
        Map<String, JsonNode> keys = ConfigFields.snakeKeys(node);
        Optional<HookType> type = type(keys.get("type"), join(path, "type"));
        List<CheckSpec> checks = new ArrayList<>();
        List<JsonNode> items = array(keys.get("checks"), join(path, "checks"));
        for (int i = 0; i < items.size(); i++) {
            checks.add(explicitCheck(items.get(i), join(path, "checks[" + i + "]")));
        }
        return hook(text(keys.get("id"), join(path, "id")), keys, type, checks, path);
    }

    private static CheckSpec explicitCheck(JsonNode node, String path) {
        if (!node.isObject()) {
            throw new ConfigException(path, "must be a check object with an id and parameters");
        }
        String id = text(node.get("id"), join(path, "id"))
                .orElseThrow(() ->
                        new ConfigException(join(path, "id"), "a check needs an id such as \"default.contains\""));
        JsonNode parameters = node.get("parameters");
        if (parameters != null && !parameters.isNull() && !parameters.isObject()) {
            throw new ConfigException(join(path, "parameters"), "must be an object");
        }
        JsonNode enabled = node.has("is_enabled") ? node.get("is_enabled") : node.get("isEnabled");
        return new CheckSpec(
                checkId(id, join(path, "id")),
                parameters instanceof ObjectNode object ? object : Json.object(),
                enabled(enabled, path));
    }

    private static HookSpec hook(
            Optional<String> id,
            Map<String, JsonNode> keys,
            Optional<HookType> type,
            List<CheckSpec> checks,
            String path) {
        if (checks.size() > MAX_CHECKS_PER_HOOK) {
            throw new ConfigException(path, "has " + checks.size() + " checks; the limit is " + MAX_CHECKS_PER_HOOK);
        }
        return new HookSpec(
                id,
                type,
                checks,
                flag(keys.get("deny"), join(path, "deny")),
                flag(keys.get("async"), join(path, "async")),
                flag(keys.get("sequential"), join(path, "sequential")),
                object(keys.get("on_fail"), join(path, "on_fail")),
                object(keys.get("on_success"), join(path, "on_success")));
    }

    /** {@code contains} → {@code default.contains}, as Portkey's shorthand does. */
    private static String qualified(String id) {
        return id.contains(".") ? id : "default." + id;
    }

    /** The check id, or a {@link ConfigException} when it names a check this gateway cannot run. */
    private static String checkId(String id, String path) {
        int dot = id.indexOf('.');
        if (dot <= 0 || dot == id.length() - 1) {
            throw new ConfigException(
                    path, "a check id is <namespace>.<check>, such as \"default.contains\"; got '" + id + "'");
        }
        String namespace = id.substring(0, dot);
        String name = id.substring(dot + 1);
        if (namespace.equals("default") && !DEFAULT_CHECKS.contains(name)) {
            throw new ConfigException(
                    path,
                    "unknown check '" + id + "'; the default checks are "
                            + String.join(", ", DEFAULT_CHECKS.stream().sorted().toList()));
        }
        if (PARTNER_NAMESPACES.contains(namespace)) {
            throw new ConfigException(
                    path,
                    "the check '" + id
                            + "' is a partner guardrail that calls a hosted service; this gateway runs the default.* checks only (a webhook check can call your own service)");
        }
        return id;
    }

    private static Optional<HookType> type(JsonNode node, String path) {
        return text(node, path).map(t -> switch (t) {
            case "guardrail" -> HookType.GUARDRAIL;
            case "mutator" -> HookType.MUTATOR;
            default -> throw new ConfigException(path, "must be \"guardrail\" or \"mutator\"");
        });
    }

    private static boolean enabled(JsonNode node, String path) {
        if (node == null || node.isNull()) {
            return true;
        }
        if (!node.isBoolean()) {
            throw new ConfigException(join(path, "is_enabled"), "must be true or false");
        }
        return node.asBoolean();
    }

    private static boolean flag(JsonNode node, String path) {
        return ConfigFields.bool(node, path).orElse(false);
    }

    private static Optional<ObjectNode> object(JsonNode node, String path) {
        if (absent(node)) {
            return Optional.empty();
        }
        if (!node.isObject()) {
            throw new ConfigException(path, "must be an object");
        }
        return Optional.of((ObjectNode) node);
    }

    private static Optional<String> text(JsonNode node, String path) {
        if (absent(node)) {
            return Optional.empty();
        }
        if (!node.isTextual()) {
            throw new ConfigException(path, "must be a string");
        }
        return Optional.of(node.asText());
    }

    private static List<JsonNode> array(JsonNode node, String path) {
        if (absent(node)) {
            return List.of();
        }
        if (!node.isArray()) {
            throw new ConfigException(path, "must be an array");
        }
        List<JsonNode> items = new ArrayList<>();
        node.forEach(items::add);
        return items;
    }

    private static boolean absent(JsonNode node) {
        return node == null || node.isNull();
    }

    private static String randomSuffix() {
        String alphabet = "0123456789abcdefghijklmnopqrstuvwxyz";
        ThreadLocalRandom random = ThreadLocalRandom.current();
        StringBuilder out = new StringBuilder(3);
        for (int i = 0; i < 3; i++) {
            out.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return out.toString();
    }
}
