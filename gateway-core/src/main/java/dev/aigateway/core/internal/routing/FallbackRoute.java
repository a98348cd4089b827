package dev.aigateway.core.internal.routing;

import dev.aigateway.core.config.Target;
import dev.aigateway.core.config.TargetPath;
import java.util.Optional;
import java.util.Set;

/**
 * {@code fallback}: targets in order. After each answer it stops when the answer is a gateway
 * exception, when {@code on_status_codes} is given and does not hold the status, or (without
 * {@code on_status_codes}) when the status is 2xx. When every target fails, the last answer is
 * returned.
 */
final class FallbackRoute implements Route {
    @Override
    public RoutedResponse route(Target node, Inherited own, TargetPath path, RouteContext context, Router router) {
        Optional<Set<Integer>> moveOnCodes = node.strategy().orElseThrow().onStatusCodes();
        RoutedResponse last = null;
        for (int i = 0; i < node.targets().size(); i++) {
            if (last != null) {
                last.response().discard();
            }
            last = router.route(node.targets().get(i), own, path.child(i), context);
            int status = last.status();
            boolean moveOn = moveOnCodes.map(codes -> codes.contains(status)).orElse(!last.isSuccess());
            if (last.gatewayException()
                    || !moveOn
                    || context.call().cancellation().isCancelled()) {
                return last;
            }
        }
        return node.targets().size() > 1 ? last.asFallbackExhausted() : last;
    }
}
