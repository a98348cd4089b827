package dev.aigateway.core.routing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aigateway.core.pipeline.CallRequest;

/** What every node of one call's config tree shares: the call, with its settings and body. */
record RouteContext(CallRequest call) {
    /** The context conditions are evaluated against: {@code {metadata, params, url:{pathname}}}. */
    ObjectNode conditionContext() {
        ObjectNode context = call.params().objectNode();
        context.set("metadata", call.settings().metadata());
        context.set("params", call.params());
        context.putObject("url").put("pathname", call.path());
        return context;
    }
}
