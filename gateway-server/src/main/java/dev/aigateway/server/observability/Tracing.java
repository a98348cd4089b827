package dev.aigateway.server.observability;

import dev.aigateway.core.GatewayResponse;
import dev.aigateway.core.event.CallInfo;
import dev.aigateway.core.http.HeaderRules;
import dev.aigateway.core.pipeline.CallInterceptor;
import dev.aigateway.core.pipeline.CallRequest;
import dev.aigateway.core.pipeline.Interceptor;
import dev.aigateway.core.pipeline.LeafRequest;
import dev.aigateway.core.pipeline.LeafResponse;
import java.util.Map;
import java.util.Optional;

/**
 * W3C trace context and OpenTelemetry spans. A call interceptor reads the caller's {@code
 * traceparent}; an attempt interceptor passes a {@code traceparent} to the upstream; as a {@link
 * CallSink} it exports one span per call and one per attempt over OTLP.
 *
 * <p>With an exporter ({@code OTEL_EXPORTER_OTLP_ENDPOINT}), the call continues the caller's trace
 * (or starts one) with a span of its own, and each attempt is a child span whose id the upstream
 * receives as its parent. Without one, the gateway takes no part in the trace: the caller's {@code
 * traceparent} and {@code tracestate} reach the upstream unchanged, and nothing is recorded.
 */
public final class Tracing implements CallInterceptor, CallSink, AutoCloseable {
    static final CallInfo.Attribute<CallTrace> TRACE = CallInfo.Attribute.of("observability.trace", CallTrace.class);

    private final Optional<OtlpExporter> exporter;

    private Tracing(Optional<OtlpExporter> exporter) {
        this.exporter = exporter;
    }

    /** Spans exported by {@code exporter}. */
    static Tracing exporting(OtlpExporter exporter) {
        return new Tracing(Optional.of(exporter));
    }

    /** Passing the caller's trace context on, recording nothing. */
    public static Tracing propagateOnly() {
        return new Tracing(Optional.empty());
    }

    /** Exporting when {@code env} names an OTLP endpoint, else {@link #propagateOnly()}. */
    public static Tracing fromEnvironment(Map<String, String> env) {
        return new Tracing(OtlpExporter.fromEnvironment(env));
    }

    public boolean exports() {
        return exporter.isPresent();
    }

    @Override
    public GatewayResponse intercept(Chain chain) {
        CallRequest request = chain.request();
        Optional<TraceContext> caller =
                request.headers().first(TraceContext.HEADER).flatMap(TraceContext::parse);
        Optional<String> state = caller.isPresent()
                ? request.headers().first(TraceContext.STATE_HEADER).filter(value -> HeaderRules.valueProblem(value)
                        .isEmpty())
                : Optional.empty();
        Optional<TraceContext> span = exporter.isPresent()
                ? Optional.of(caller.map(TraceContext::child).orElseGet(TraceContext::newTrace))
                : Optional.empty();
        if (caller.isPresent() || span.isPresent()) {
            request.call().setAttribute(TRACE, new CallTrace(caller, state, span));
        }
        return chain.proceed(request);
    }

    /** The attempt link: the {@code traceparent} (and {@code tracestate}) the upstream receives. */
    public Interceptor attempts() {
        return this::attempt;
    }

    private LeafResponse attempt(Interceptor.Chain chain) {
        LeafRequest leaf = chain.request();
        Optional<CallTrace> trace = leaf.call().attribute(TRACE);
        if (trace.isEmpty()) {
            return chain.proceed(leaf);
        }
        TraceContext parent;
        if (trace.get().span().isPresent()) {
            parent = trace.get().span().get().child();
            CallRecorder.of(leaf.call())
                    .ifPresent(recording -> recording.assignSpan(leaf.path().value(), leaf.attempt(), parent.spanId()));
        } else {
            parent = trace.get().caller().orElseThrow();
        }
        var call = leaf.prepared().withHeader(TraceContext.HEADER, parent.header());
        if (trace.get().state().isPresent()) {
            call = call.withHeader(
                    TraceContext.STATE_HEADER, trace.get().state().get());
        }
        return chain.proceed(leaf.withPrepared(call));
    }

    @Override
    public void accept(CallRecord call) {
        if (exporter.isEmpty() || call.trace().flatMap(CallTrace::span).isEmpty()) {
            return;
        }
        if (call.trace().get().span().get().sampled()) {
            exporter.get().export(call);
        }
    }

    @Override
    public void close() {
        exporter.ifPresent(OtlpExporter::close);
    }
}
