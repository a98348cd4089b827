package dev.aigateway.core.config;

import dev.aigateway.core.error.ConfigException;
import java.util.Optional;

/**
 * Counts the most upstream calls one request can make through a config tree, and refuses a tree
 * that could make more than {@link ConfigLimits#MAX_UPSTREAM_CALLS}: without a bound, a fallback
 * of hundreds of failing targets makes hundreds of calls for one request.
 */
final class UpstreamCalls {
    private UpstreamCalls() {}

    /**
     * The most calls through {@code node}: a leaf makes 1 + its retry attempts (its own
     * {@code retry}, else the nearest ancestor's, as retries are inherited); a fallback the sum of
     * its targets; single, loadbalance and conditional the most any one target makes.
     *
     * @throws ConfigException at the innermost {@code targets} whose calls pass the limit
     */
    static int check(Target node, Optional<RetryConfig> inheritedRetry, String path) {
        Optional<RetryConfig> retry = node.retry().or(() -> inheritedRetry);
        if (node.isLeaf()) {
            return 1 + retry.map(RetryConfig::attempts).orElse(0);
        }
        boolean adds = node.strategy().orElseThrow().mode() == StrategyMode.FALLBACK;
        int calls = 0;
        for (int i = 0; i < node.targets().size(); i++) {
            int child = check(node.targets().get(i), retry, ConfigFields.join(path, "targets[" + i + "]"));
            calls = adds ? calls + child : Math.max(calls, child);
        }
        if (calls > ConfigLimits.MAX_UPSTREAM_CALLS) {
            throw new ConfigException(
                    ConfigFields.join(path, "targets"),
                    "one request could make " + calls + " upstream calls through these targets (a fallback adds up"
                            + " its targets' calls, each target makes 1 + retry.attempts); the limit is "
                            + ConfigLimits.MAX_UPSTREAM_CALLS);
        }
        return calls;
    }
}
