package dev.aigateway.core.internal.routing;

import dev.aigateway.core.GatewayResponse;
import dev.aigateway.core.config.Target;
import dev.aigateway.core.config.TargetPath;
import java.util.Optional;
import java.util.Set;

/**
 * {@code fallback}: targets in order. A target whose provider does not serve the route is passed
 * over (its 400 is the answer only when no target before it answered). After each other answer it stops when the answer is a gateway exception, when {@code on_status_codes} is given and does not hold the status, or (without
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
            RoutedResponse answer = router.route(node.targets().get(i), own, path.child(i), context);
            if (answer.notServed() && !context.call().cancellation().isCancelled()) {
                // The next target may serve the route; an earlier failure says more than this one.
                if (last == null || last.notServed() || !(last.response() instanceof GatewayResponse.Complete)) {
                    last = answer;
                }
                continue;
            }
            last = answer;
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
