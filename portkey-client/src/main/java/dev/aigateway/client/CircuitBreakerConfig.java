package dev.aigateway.client;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.Objects;

/**
 * A strategy's {@code cb_config}, the circuit breaker of Portkey's hosted gateway (which this
 * gateway runs too): {@code {"failure_threshold": n, "failure_threshold_percentage": p,
 * "minimum_requests": m, "cooldown_interval": ms, "failure_status_codes": [...]}}. A target of the
 * strategy is skipped once its failures reach the threshold (or their rate the percentage, over at
 * least {@code minimum_requests} answers), for {@code cooldown_interval} (30 s at least), then one
 * probe goes through. Immutable: the {@code with...} methods return changed copies.
 *
 * <pre>{@code
 * Strategy.fallback().withCircuitBreaker(CircuitBreakerConfig.failureThreshold(5)
 *         .withCooldown(Duration.ofSeconds(60)))
 * }</pre>
 */
public final class CircuitBreakerConfig extends ConfigValue {
    private final ObjectNode fields;

    private CircuitBreakerConfig(ObjectNode fields) {
        super(fields.deepCopy());
        this.fields = fields;
    }

    /** Opens a target after {@code failures} failures within a cooldown window; at least 1. */
    public static CircuitBreakerConfig failureThreshold(int failures) {
        if (failures < 1) {
            throw new IllegalArgumentException("failureThreshold must be at least 1: " + failures);
        }
        return new CircuitBreakerConfig(newObject().put("failure_threshold", failures));
    }

    /** Opens a target once this percentage of its answers (above 0, at most 100) failed. */
    public static CircuitBreakerConfig failureThresholdPercentage(double percent) {
        return new CircuitBreakerConfig(newObject()).withFailureThresholdPercentage(percent);
    }

    /** Adds or replaces {@code failure_threshold_percentage}. */
    public CircuitBreakerConfig withFailureThresholdPercentage(double percent) {
        if (!(percent > 0 && percent <= 100)) {
            throw new IllegalArgumentException(
                    "failureThresholdPercentage must be above 0 and at most 100: " + percent);
        }
        return with(copy -> copy.put("failure_threshold_percentage", percent));
    }

    /** {@code minimum_requests}: answers needed before the percentage counts (default 5). */
    public CircuitBreakerConfig withMinimumRequests(int requests) {
        if (requests < 1) {
            throw new IllegalArgumentException("minimumRequests must be at least 1: " + requests);
        }
        return with(copy -> copy.put("minimum_requests", requests));
    }

    /** {@code cooldown_interval}, written in milliseconds: how long an open target is skipped. */
    public CircuitBreakerConfig withCooldown(Duration cooldown) {
        Objects.requireNonNull(cooldown, "cooldown");
        if (cooldown.isNegative() || cooldown.isZero()) {
            throw new IllegalArgumentException("cooldown must be positive: " + cooldown);
        }
        return with(copy -> copy.set("cooldown_interval", ConfigValue.wholeNumber(cooldown.toMillis())));
    }

    /** {@code failure_status_codes}: the statuses that count as failures (default 408 and 500 on). */
    public CircuitBreakerConfig withFailureStatusCodes(int... codes) {
        ArrayNode array = statusCodes(codes);
        return with(copy -> copy.set("failure_status_codes", array));
    }

    private CircuitBreakerConfig with(java.util.function.Consumer<ObjectNode> change) {
        ObjectNode copy = fields.deepCopy();
        change.accept(copy);
        return new CircuitBreakerConfig(copy);
    }
}
