package dev.aigateway.core.config;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A node's {@code strategy}.
 *
 * @param onStatusCodes for fallback: the statuses that move on to the next target; empty means
 *     "any non-2xx"
 * @param conditions for conditional routing, checked in order
 * @param defaultTarget for conditional routing: the target name used when no condition matches
 */
public record Strategy(
        StrategyMode mode,
        Optional<Set<Integer>> onStatusCodes,
        List<Condition> conditions,
        Optional<String> defaultTarget) {
    public Strategy {
        onStatusCodes = onStatusCodes.map(Set::copyOf);
        conditions = List.copyOf(conditions);
    }

    public static Strategy of(StrategyMode mode) {
        return new Strategy(mode, Optional.empty(), List.of(), Optional.empty());
    }
}
