package dev.aigateway.core.pipeline;

import dev.aigateway.core.config.CircuitBreakerConfig;
import dev.aigateway.core.config.Target;
import dev.aigateway.core.config.TargetPath;
import java.util.Optional;

/**
 * A target routing is about to try, for {@link TargetGate}s.
 *
 * @param path where the target sits in the config, e.g. {@code config.targets[0]}
 * @param target the target node: a leaf, or a strategy with targets of its own
 * @param circuitBreaker the {@code cb_config} in force for the node's targets: the node's own or
 *     one it inherited; none below a conditional strategy
 */
public record GatedTarget(
        CallRequest call, TargetPath path, Target target, Optional<CircuitBreakerConfig> circuitBreaker) {}
