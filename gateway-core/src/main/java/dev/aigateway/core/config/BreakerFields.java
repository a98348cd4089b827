package dev.aigateway.core.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aigateway.core.error.ConfigException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;

/** Reads the resilience keys of a {@code strategy}: {@code cb_config} and {@code hedge_after_ms}. */
final class BreakerFields {
    private BreakerFields() {}

    static Optional<CircuitBreakerConfig> circuitBreaker(JsonNode node, String path) {
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isObject()) {
            throw new ConfigException(path, "must be an object");
        }
        Map<String, JsonNode> keys = ConfigFields.snakeKeys(node);
        OptionalInt threshold = wholeNumber(keys.get("failure_threshold"), path + ".failure_threshold");
        OptionalDouble percentage = percentage(keys.get("failure_threshold_percentage"), path);
        if (threshold.isEmpty() && percentage.isEmpty()) {
            throw new ConfigException(path, "needs failure_threshold or failure_threshold_percentage");
        }
        OptionalLong cooldown = ConfigFields.timeout(keys.get("cooldown_interval"), path + ".cooldown_interval");
        if (cooldown.isEmpty()) {
            throw new ConfigException(path + ".cooldown_interval", "is required: milliseconds (at least 30000)");
        }
        int minimum = wholeNumber(keys.get("minimum_requests"), path + ".minimum_requests")
                .orElse(CircuitBreakerConfig.DEFAULT_MINIMUM_REQUESTS);
        Optional<Set<Integer>> codes = Optional.ofNullable(keys.get("failure_status_codes"))
                .filter(n -> !n.isNull())
                .map(n -> ConfigFields.statusCodes(n, path + ".failure_status_codes"));
        return Optional.of(new CircuitBreakerConfig(
                threshold, percentage, minimum, Duration.ofMillis(cooldown.getAsLong()), codes));
    }

    static OptionalLong hedgeAfter(JsonNode node, String path, StrategyMode mode) {
        OptionalLong millis = ConfigFields.timeout(node, path);
        if (millis.isPresent() && mode != StrategyMode.FALLBACK) {
            throw new ConfigException(path, "applies to fallback strategies only");
        }
        return millis;
    }

    private static OptionalInt wholeNumber(JsonNode node, String path) {
        if (node == null || node.isNull()) {
            return OptionalInt.empty();
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt() || node.asInt() < 1) {
            throw new ConfigException(path, "must be a whole number of 1 or more");
        }
        return OptionalInt.of(node.asInt());
    }

    private static OptionalDouble percentage(JsonNode node, String path) {
        if (node == null || node.isNull()) {
            return OptionalDouble.empty();
        }
        if (!node.isNumber() || node.asDouble() <= 0 || node.asDouble() > 100) {
            throw new ConfigException(path + ".failure_threshold_percentage", "must be a number above 0, at most 100");
        }
        return OptionalDouble.of(node.asDouble());
    }
}
