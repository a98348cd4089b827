package dev.aigateway.core.internal.routing;

import dev.aigateway.core.config.Strategy;
import dev.aigateway.core.config.Target;
import dev.aigateway.core.config.TargetPath;
import dev.aigateway.core.error.GatewayException;

/**
 * {@code conditional}: the target named by the first condition whose query matches the request's
 * metadata, params or path; otherwise the {@code default} target; otherwise a 400. The request's
 * {@link RegexBudget} is shared by every conditional node it passes through.
 */
final class ConditionalRoute implements Route {
    private final ConditionEvaluator evaluator = new ConditionEvaluator();

    @Override
    public RoutedResponse route(Target node, Inherited own, TargetPath path, RouteContext context, Router router) {
        Strategy strategy = node.strategy().orElseThrow();
        String name = evaluator
                .firstMatch(strategy.conditions(), context.conditionContext(), context.regexBudget())
                .or(strategy::defaultTarget)
                .orElseThrow(() -> GatewayException.badRequest("Query router did not resolve to any valid target"));
        for (int i = 0; i < node.targets().size(); i++) {
            if (node.targets().get(i).name().filter(name::equals).isPresent()) {
                return router.route(node.targets().get(i), own, path.child(i), context);
            }
        }
        throw GatewayException.badRequest("Invalid target name found in the query router: " + name);
    }
}
