package dev.aigateway.core.internal.routing;

import dev.aigateway.core.config.Target;
import dev.aigateway.core.config.TargetPath;

/** One strategy mode: how a node with targets picks and calls them. */
interface Route {
    /**
     * Answers for {@code node}.
     *
     * @param own the node's settings, already merged with what it inherited
     */
    RoutedResponse route(Target node, Inherited own, TargetPath path, RouteContext context, Router router);
}
