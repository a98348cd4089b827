package dev.aigateway.core.internal.routing;

import dev.aigateway.core.config.Target;
import dev.aigateway.core.config.TargetPath;

/** {@code single}: always the first target. */
final class SingleRoute implements Route {
    @Override
    public RoutedResponse route(Target node, Inherited own, TargetPath path, RouteContext context, Router router) {
        return router.route(node.targets().get(0), own, path.child(0), context);
    }
}
