package dev.aigateway.core.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aigateway.core.error.ConfigException;
import dev.aigateway.core.http.HeaderRules;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Reads the typed values of a config node ({@code strategy}, {@code retry}, {@code cache}, status
 * codes, timeouts, ...), each check failing with a {@link ConfigException} at its JSON path.
 */
final class ConfigFields {
    private ConfigFields() {}

    static Strategy strategy(JsonNode node, String path) {
        if (!node.isObject()) {
            throw new ConfigException(path, "must be an object");
        }
        Map<String, JsonNode> keys = snakeKeys(node);
        JsonNode modeNode = keys.get("mode");
        StrategyMode mode = Optional.ofNullable(modeNode)
                .filter(JsonNode::isTextual)
                .flatMap(m -> StrategyMode.fromWire(m.asText()))
                .orElseThrow(() -> new ConfigException(
                        path + ".mode",
                        "Invalid 'mode' value. Must be one of: single, loadbalance, fallback, conditional"));
        Optional<Set<Integer>> codes = Optional.ofNullable(keys.get("on_status_codes"))
                .filter(n -> !n.isNull())
                .map(n -> statusCodes(n, path + ".on_status_codes"));
        List<Condition> conditions = conditions(keys.get("conditions"), path + ".conditions");
        Optional<String> defaultTarget = Optional.ofNullable(keys.get("default"))
                .filter(n -> !n.isNull())
                .map(n -> {
                    if (!n.isTextual()) {
                        throw new ConfigException(path + ".default", "must be a target name");
                    }
                    return n.asText();
                });
        return new Strategy(
                mode,
                codes,
                conditions,
                defaultTarget,
                BreakerFields.circuitBreaker(keys.get("cb_config"), path + ".cb_config"),
                BreakerFields.hedgeAfter(keys.get("hedge_after_ms"), path + ".hedge_after_ms", mode));
    }

    static List<Condition> conditions(JsonNode node, String path) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw new ConfigException(path, "must be an array of {query, then}");
        }
        List<Condition> conditions = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode item = node.get(i);
            String at = path + "[" + i + "]";
            if (!item.isObject()
                    || !item.path("query").isObject()
                    || !item.path("then").isTextual()) {
                throw new ConfigException(at, "must be {\"query\": {...}, \"then\": \"<target name>\"}");
            }
            Condition.problem(item.get("query"), at + ".query").ifPresent(p -> {
                throw new ConfigException(p.getKey(), p.getValue());
            });
            conditions.add(new Condition(
                    (ObjectNode) item.get("query"), item.get("then").asText()));
        }
        return conditions;
    }

    static RetryConfig retry(JsonNode node, String path) {
        if (!node.isObject()) {
            throw new ConfigException(path, "must be an object");
        }
        Map<String, JsonNode> keys = snakeKeys(node);
        JsonNode attemptsNode = keys.get("attempts");
        if (attemptsNode == null
                || !attemptsNode.canConvertToInt()
                || !attemptsNode.isIntegralNumber()
                || attemptsNode.asInt() < 0) {
            throw new ConfigException(
                    path + ".attempts", "must be a whole number from 0 to " + RetryConfig.MAX_ATTEMPTS);
        }
        int attempts = Math.min(attemptsNode.asInt(), RetryConfig.MAX_ATTEMPTS);
        Set<Integer> codes = Optional.ofNullable(keys.get("on_status_codes"))
                .filter(n -> !n.isNull())
                .map(n -> statusCodes(n, path + ".on_status_codes"))
                .orElse(attempts > 0 ? RetryConfig.DEFAULT_STATUS_CODES : Set.of());
        boolean useRetryAfter = bool(keys.get("use_retry_after_header"), path + ".use_retry_after_header")
                .orElse(false);
        return new RetryConfig(attempts, codes, useRetryAfter);
    }

    static CacheConfig cache(JsonNode node, String path) {
        if (!node.isObject()) {
            throw new ConfigException(path, "must be an object");
        }
        Map<String, JsonNode> keys = snakeKeys(node);
        String mode =
                Optional.ofNullable(keys.get("mode")).map(JsonNode::asText).orElse("");
        if (!mode.equals("simple") && !mode.equals("semantic")) {
            throw new ConfigException(path + ".mode", "must be 'simple' or 'semantic'");
        }
        JsonNode maxAge = keys.get("max_age");
        if (maxAge != null && !maxAge.isNull() && (!maxAge.isNumber() || maxAge.asLong() < 0)) {
            throw new ConfigException(path + ".max_age", "must be a number of seconds");
        }
        JsonNode similarity = keys.get("similarity");
        if (similarity != null
                && !similarity.isNull()
                && (!similarity.isNumber() || similarity.asDouble() <= 0 || similarity.asDouble() > 1)) {
            throw new ConfigException(path + ".similarity", "must be a number above 0 and at most 1");
        }
        return new CacheConfig(
                mode,
                maxAge == null || maxAge.isNull() ? OptionalLong.empty() : OptionalLong.of(maxAge.asLong()),
                similarity == null || similarity.isNull()
                        ? OptionalDouble.empty()
                        : OptionalDouble.of(similarity.asDouble()),
                Optional.empty());
    }

    static Set<Integer> statusCodes(JsonNode node, String path) {
        if (!node.isArray()) {
            throw new ConfigException(path, "must be an array of HTTP status codes");
        }
        Set<Integer> codes = new LinkedHashSet<>();
        for (JsonNode code : node) {
            if (!code.isIntegralNumber() || code.asInt() < 100 || code.asInt() > 599) {
                throw new ConfigException(path, "must be an array of HTTP status codes (100-599)");
            }
            codes.add(code.asInt());
        }
        return codes;
    }

    static Optional<ObjectNode> overrideParams(JsonNode node, String path) {
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isObject()) {
            throw new ConfigException(path, "must be an object");
        }
        return Optional.of((ObjectNode) node);
    }

    static OptionalLong timeout(JsonNode node, String path) {
        if (node == null || node.isNull()) {
            return OptionalLong.empty();
        }
        if (!node.isNumber() || node.asLong() <= 0) {
            throw new ConfigException(path, "must be a positive number of milliseconds");
        }
        return OptionalLong.of(node.asLong());
    }

    static Optional<List<String>> forwardHeaders(JsonNode node, String path) {
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isArray()) {
            throw new ConfigException(path, "must be an array of header names");
        }
        List<String> names = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode name = node.get(i);
            if (!name.isTextual()) {
                throw new ConfigException(path, "must be an array of header names");
            }
            if (name.asText().equalsIgnoreCase("x-portkey-forward-headers")) {
                throw new ConfigException(
                        path, "forward_headers must not contain the 'x-portkey-forward-headers' header");
            }
            String at = path + "[" + i + "]";
            HeaderRules.forwardedNameProblem(name.asText()).ifPresent(problem -> {
                throw new ConfigException(at, problem);
            });
            names.add(name.asText().toLowerCase(java.util.Locale.ROOT));
        }
        return Optional.of(names);
    }

    static Optional<Boolean> bool(JsonNode node, String path) {
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isBoolean()) {
            throw new ConfigException(path, "must be true or false");
        }
        return Optional.of(node.asBoolean());
    }

    static OptionalDouble weight(JsonNode node, String path) {
        if (node == null || node.isNull()) {
            return OptionalDouble.empty();
        }
        if (!node.isNumber() || node.asDouble() < 0) {
            throw new ConfigException(path, "must be a number of 0 or more");
        }
        return OptionalDouble.of(node.asDouble());
    }

    static Optional<String> string(Map<String, JsonNode> keys, String key, String path) {
        JsonNode node = keys.get(key);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isTextual()) {
            throw new ConfigException(join(path, key), "must be a string");
        }
        return Optional.of(node.asText());
    }

    static Optional<JsonNode> optional(Map<String, JsonNode> keys, String key) {
        return Optional.ofNullable(keys.get(key)).filter(n -> !n.isNull());
    }

    static Map<String, JsonNode> snakeKeys(JsonNode node) {
        Map<String, JsonNode> keys = new HashMap<>();
        node.properties().forEach(e -> keys.put(ConfigKeys.snake(e.getKey()), e.getValue()));
        return keys;
    }

    static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }
}
