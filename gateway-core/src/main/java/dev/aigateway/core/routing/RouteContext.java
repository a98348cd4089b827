package dev.aigateway.core.routing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aigateway.core.GatewayRequest;
import dev.aigateway.core.config.RequestSettings;

/**
 * What every node of one request's config tree shares: the request, its settings, its body, and
 * what is left of its {@code $regex} budget.
 */
record RouteContext(GatewayRequest request, RequestSettings settings, ObjectNode params, RegexBudget regexBudget) {
    RouteContext(GatewayRequest request, RequestSettings settings, ObjectNode params) {
        this(request, settings, params, RegexBudget.forRequest(request.cancellation()));
    }

    /** The context conditions are evaluated against: {@code {metadata, params, url:{pathname}}}. */
    ObjectNode conditionContext() {
        ObjectNode context = params.objectNode();
        context.set("metadata", settings.metadata());
        context.set("params", params);
        context.putObject("url").put("pathname", request.path());
        return context;
    }
}
