package dev.aigateway.server.observability;

import java.util.Optional;

/**
 * A call's place in a distributed trace.
 *
 * @param caller the context the caller sent in {@code traceparent}, if a valid one
 * @param state the caller's {@code tracestate}, passed on as it came
 * @param span the call's own span, when spans are exported; its parent is the caller's span
 */
record CallTrace(Optional<TraceContext> caller, Optional<String> state, Optional<TraceContext> span) {
    /** The trace id the call's spans carry (or the caller's, when the gateway makes none). */
    Optional<String> traceId() {
        return span.or(() -> caller).map(TraceContext::traceId);
    }
}
