package dev.aigateway.core.internal.routing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aigateway.core.pipeline.CallRequest;

/**
 * What every node of one call's config tree shares: the call, with its settings and body, and
 * what is left of its {@code $regex} budget.
 */
record RouteContext(CallRequest call, RegexBudget regexBudget) {
    RouteContext(CallRequest call) {
        this(call, RegexBudget.forRequest(call.cancellation()));
    }

    /** The context conditions are evaluated against: {@code {metadata, params, url:{pathname}}}. */
    ObjectNode conditionContext() {
        ObjectNode context = call.params().objectNode();
        context.set("metadata", call.settings().metadata());
        context.set("params", call.params());
        context.putObject("url").put("pathname", call.path());
        return context;
    }
}
