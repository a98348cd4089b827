package dev.aigateway.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How a config node picks among its targets: Portkey's {@code strategy} object, {@code {"mode":
 * ..., "on_status_codes": [...], "conditions": [{"query": ..., "then": ...}], "default": ...}}.
 * Immutable: the {@code with...} methods return changed copies.
 *
 * <pre>{@code
 * Strategy.fallback().withOnStatusCodes(429, 503)
 * Strategy.conditional()
 *         .withCondition(Map.of("metadata.tier", Map.of("$eq", "pro")), "premium")
 *         .withDefault("basic")
 * }</pre>
 */
public final class Strategy extends ConfigValue {
    /** Portkey's strategy modes. */
    public enum Mode {
        /** Always the first target. */
        SINGLE,
        /** One target picked at random by {@code weight}; no failover inside. */
        LOADBALANCE,
        /** Targets in order until one answers with a status that does not trigger fallback. */
        FALLBACK,
        /** The target named by the first matching condition, else by {@code default}. */
        CONDITIONAL;

        /** The value of {@code mode} in the config JSON, e.g. {@code loadbalance}. */
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Mode mode;
    private final ArrayNode onStatusCodes;
    private final ArrayNode conditions;
    private final String defaultTarget;
    /** The fields beyond Portkey's open-source strategy: {@code cb_config}, {@code hedge_after_ms}. */
    private final ObjectNode resilience;

    private Strategy(
            Mode mode, ArrayNode onStatusCodes, ArrayNode conditions, String defaultTarget, ObjectNode resilience) {
        super(toJson(mode, onStatusCodes, conditions, defaultTarget, resilience));
        this.mode = mode;
        this.onStatusCodes = onStatusCodes;
        this.conditions = conditions;
        this.defaultTarget = defaultTarget;
        this.resilience = resilience;
    }

    public static Strategy of(Mode mode) {
        return new Strategy(Objects.requireNonNull(mode, "mode"), null, null, null, newObject());
    }

    public static Strategy single() {
        return of(Mode.SINGLE);
    }

    public static Strategy fallback() {
        return of(Mode.FALLBACK);
    }

    public static Strategy loadbalance() {
        return of(Mode.LOADBALANCE);
    }

    public static Strategy conditional() {
        return of(Mode.CONDITIONAL);
    }

    public Mode mode() {
        return mode;
    }

    /** The {@code default} target name of a conditional strategy, if set. */
    public Optional<String> defaultTarget() {
        return Optional.ofNullable(defaultTarget);
    }

    /**
     * Sets {@code on_status_codes}: for fallback, only these statuses move on to the next target
     * (without it, any non-2xx status does).
     */
    public Strategy withOnStatusCodes(int... codes) {
        return new Strategy(mode, statusCodes(codes), conditions, defaultTarget, resilience);
    }

    /**
     * Adds a condition: when {@code query} matches, route to the target named {@code then}. The query
     * is Portkey's Mongo-like object over {@code metadata.<key>}, {@code params.<key>} and {@code
     * url.pathname}, e.g. {@code {"params.model": {"$in": ["a", "b"]}}}. Only for conditional mode.
     */
    public Strategy withCondition(Map<String, ?> query, String then) {
        requireConditional("conditions");
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(then, "then");
        ArrayNode next = conditions == null ? JsonNodeFactory.instance.arrayNode() : conditions.deepCopy();
        ObjectNode condition = next.addObject();
        condition.set("query", HeaderJson.tree(query));
        condition.put("then", then);
        return new Strategy(mode, onStatusCodes, next, defaultTarget, resilience);
    }

    /** Sets {@code default}: the target name used when no condition matches. Only for conditional mode. */
    public Strategy withDefault(String targetName) {
        requireConditional("default");
        return new Strategy(
                mode, onStatusCodes, conditions, Objects.requireNonNull(targetName, "targetName"), resilience);
    }

    /**
     * Sets {@code cb_config}: targets of this strategy (and of nested ones that set none) that keep
     * failing are skipped for a while. Not for the conditional mode, which the breaker leaves alone.
     */
    public Strategy withCircuitBreaker(CircuitBreakerConfig breaker) {
        if (mode == Mode.CONDITIONAL) {
            throw new IllegalStateException("cb_config does not apply to the conditional mode");
        }
        ObjectNode next = resilience.deepCopy();
        next.set("cb_config", Objects.requireNonNull(breaker, "breaker").toJsonNode());
        return new Strategy(mode, onStatusCodes, conditions, defaultTarget, next);
    }

    /**
     * Sets {@code hedge_after_ms}: when a target has sent no first event after {@code delay}, the
     * next one is started too, and the first to answer wins. Only for the fallback mode.
     */
    public Strategy withHedgeAfter(java.time.Duration delay) {
        if (mode != Mode.FALLBACK) {
            throw new IllegalStateException("hedge_after_ms only applies to the fallback mode, not " + mode.wireName());
        }
        if (delay.isNegative() || delay.isZero()) {
            throw new IllegalArgumentException("the hedge delay must be positive: " + delay);
        }
        ObjectNode next = resilience.deepCopy();
        next.set("hedge_after_ms", ConfigValue.wholeNumber(delay.toMillis()));
        return new Strategy(mode, onStatusCodes, conditions, defaultTarget, next);
    }

    private void requireConditional(String field) {
        if (mode != Mode.CONDITIONAL) {
            throw new IllegalStateException(field + " only applies to the conditional mode, not " + mode.wireName());
        }
    }

    private static ObjectNode toJson(
            Mode mode, ArrayNode onStatusCodes, JsonNode conditions, String defaultTarget, ObjectNode resilience) {
        ObjectNode json = newObject();
        json.put("mode", mode.wireName());
        if (onStatusCodes != null) {
            json.set("on_status_codes", onStatusCodes.deepCopy());
        }
        if (conditions != null) {
            json.set("conditions", conditions.deepCopy());
        }
        if (defaultTarget != null) {
            json.put("default", defaultTarget);
        }
        json.setAll(resilience.deepCopy());
        return json;
    }
}
