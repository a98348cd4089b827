package dev.aigateway.core.internal.routing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aigateway.core.Cancellation;
import dev.aigateway.core.event.EventListener;
import dev.aigateway.core.pipeline.CallRequest;

/**
 * What every node of one call's config tree shares: the call, with its settings and body, and
 * what is left of its {@code $regex} budget; and what the targets tried under it use: the
 * cancellation that stops their upstream calls and the listener that hears them (a hedged target's
 * own, so that it can be cancelled alone).
 */
record RouteContext(CallRequest call, RegexBudget regexBudget, Cancellation cancellation, EventListener listener) {
    RouteContext(CallRequest call) {
        this(call, RegexBudget.forRequest(call.cancellation()), call.cancellation(), call.listener());
    }

    /** The same context for a target tried alongside others: its own cancellation and listener. */
    RouteContext forHedge(Cancellation own, EventListener serialized) {
        return new RouteContext(call, regexBudget, own, serialized);
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
