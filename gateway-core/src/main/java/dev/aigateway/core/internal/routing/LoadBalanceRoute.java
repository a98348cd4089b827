package dev.aigateway.core.internal.routing;

import dev.aigateway.core.config.Target;
import dev.aigateway.core.config.TargetPath;
import dev.aigateway.core.pipeline.TargetGate;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * {@code loadbalance}: exactly one target, picked at random in proportion to its weight (1 when
 * absent; weight 0 is never picked). A target the gates hold back is set aside and the pick made
 * again among the others; when they hold back all, the first pick is tried anyway. No failover
 * inside: nest a fallback for that.
 */
final class LoadBalanceRoute implements Route {
    private final RandomGenerator random;

    LoadBalanceRoute(RandomGenerator random) {
        this.random = random;
    }

    @Override
    public RoutedResponse route(Target node, Inherited own, TargetPath path, RouteContext context, Router router) {
        List<Target> targets = node.targets();
        boolean[] setAside = new boolean[targets.size()];
        int firstPick = -1;
        TargetGate.Pass firstPass = null;
        for (int index = pick(targets, setAside); index >= 0; index = pick(targets, setAside)) {
            TargetGate.Pass pass = router.admit(node, index, own, path, context);
            if (pass.allowed()) {
                return router.tryTarget(node, index, own, path, context, pass);
            }
            if (firstPick < 0) {
                firstPick = index;
                firstPass = pass;
            }
            setAside[index] = true;
        }
        return router.tryTarget(node, firstPick, own, path, context, firstPass);
    }

    /** A weighted pick among the targets not set aside, or -1 when none with weight is left. */
    private int pick(List<Target> targets, boolean[] setAside) {
        double total = 0;
        for (int i = 0; i < targets.size(); i++) {
            total += setAside[i] ? 0 : targets.get(i).effectiveWeight();
        }
        if (total <= 0) {
            return -1;
        }
        double r = random.nextDouble() * total;
        int lastWeighted = -1;
        for (int i = 0; i < targets.size(); i++) {
            double weight = setAside[i] ? 0 : targets.get(i).effectiveWeight();
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
