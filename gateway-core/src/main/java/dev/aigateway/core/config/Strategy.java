package dev.aigateway.core.config;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * A node's {@code strategy}.
 *
 * @param onStatusCodes for fallback: the statuses that move on to the next target; empty means
 *     "any non-2xx"
 * @param conditions for conditional routing, checked in order
 * @param defaultTarget for conditional routing: the target name used when no condition matches
 * @param circuitBreaker the node's own {@code cb_config}; nested strategies without one inherit
 *     their parent's
 * @param hedgeAfterMillis for fallback: start the next target too when the one tried has not
 *     answered (a stream: sent its first event) within this time; the first answer wins
 */
public record Strategy(
        StrategyMode mode,
        Optional<Set<Integer>> onStatusCodes,
        List<Condition> conditions,
        Optional<String> defaultTarget,
        Optional<CircuitBreakerConfig> circuitBreaker,
        OptionalLong hedgeAfterMillis) {
    public Strategy {
        onStatusCodes = onStatusCodes.map(Set::copyOf);
        conditions = List.copyOf(conditions);
    }

    /** A strategy without breaker or hedging. */
    public Strategy(
            StrategyMode mode,
            Optional<Set<Integer>> onStatusCodes,
            List<Condition> conditions,
            Optional<String> defaultTarget) {
        this(mode, onStatusCodes, conditions, defaultTarget, Optional.empty(), OptionalLong.empty());
    }

    public static Strategy of(StrategyMode mode) {
        return new Strategy(mode, Optional.empty(), List.of(), Optional.empty());
    }
}
