package dev.aigateway.core.internal.routing;

import dev.aigateway.core.config.Target;
import dev.aigateway.core.config.TargetPath;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * {@code loadbalance}: exactly one target, picked at random in proportion to its weight (1 when
 * absent; weight 0 is never picked). No failover inside: nest a fallback for that.
 */
final class LoadBalanceRoute implements Route {
    private final RandomGenerator random;

    LoadBalanceRoute(RandomGenerator random) {
        this.random = random;
    }

    @Override
    public RoutedResponse route(Target node, Inherited own, TargetPath path, RouteContext context, Router router) {
        int index = pick(node.targets());
        return router.route(node.targets().get(index), own, path.child(index), context);
    }

    int pick(List<Target> targets) {
        double total = 0;
        for (Target target : targets) {
            total += target.effectiveWeight();
        }
        double r = random.nextDouble() * total;
        int lastWeighted = 0;
        for (int i = 0; i < targets.size(); i++) {
            double weight = targets.get(i).effectiveWeight();
            if (weight > 0) {
                if (r < weight) {
                    return i;
                }
                r -= weight;
                lastWeighted = i;
            }
        }
        return lastWeighted; // only reached through floating-point rounding
    }
}
