package dev.aigateway.server.observability;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aigateway.core.internal.Json;
import java.util.List;
import java.util.Optional;

/**
 * Calls as OTLP trace data in its JSON encoding ({@code ExportTraceServiceRequest}): a server span
 * per call and a client span per upstream attempt, named {@code "<operation> <model>"} and carrying
 * the OpenTelemetry GenAI attributes. Ids are hex, times nanoseconds since the epoch, as OTLP/JSON
 * says.
 */
final class SpanJson {
    private static final int SERVER = 2;
    private static final int CLIENT = 3;
    private static final int STATUS_ERROR = 2;

    private SpanJson() {}

    static ObjectNode request(String serviceName, List<CallRecord> calls) {
        ObjectNode root = Json.object();
        ObjectNode resourceSpans = root.putArray("resourceSpans").addObject();
        attribute(resourceSpans.putObject("resource").putArray("attributes"), "service.name", serviceName);
        ObjectNode scope = resourceSpans.putArray("scopeSpans").addObject();
        scope.putObject("scope").put("name", "dev.aigateway");
        ArrayNode spans = scope.putArray("spans");
        for (CallRecord call : calls) {
            add(spans, call);
        }
        return root;
    }

    private static void add(ArrayNode spans, CallRecord call) {
        CallTrace trace = call.trace().orElseThrow();
        TraceContext own = trace.span().orElseThrow();
        String operation = CallRecord.operation(call.endpoint());
        long epochStart = call.startedAt().getEpochSecond() * 1_000_000_000L
                + call.startedAt().getNano();
        ObjectNode span = spans.addObject();
        span.put("traceId", own.traceId()).put("spanId", own.spanId());
        trace.caller().ifPresent(parent -> span.put("parentSpanId", parent.spanId()));
        span.put("name", name(operation, call.model()))
                .put("kind", SERVER)
                .put("startTimeUnixNano", Long.toString(epochStart))
                .put("endTimeUnixNano", Long.toString(epochStart + call.durationNanos()));
        ArrayNode attributes = span.putArray("attributes");
        attribute(attributes, "gen_ai.operation.name", operation);
        call.provider().ifPresent(p -> attribute(attributes, "gen_ai.provider.name", p));
        call.model().ifPresent(m -> attribute(attributes, "gen_ai.request.model", m));
        call.usage().inputTokens().ifPresent(n -> attribute(attributes, "gen_ai.usage.input_tokens", n));
        call.usage().outputTokens().ifPresent(n -> attribute(attributes, "gen_ai.usage.output_tokens", n));
        attribute(attributes, "http.route", call.route());
        attribute(attributes, "http.response.status_code", call.status());
        attribute(attributes, "gateway.trace_id", call.traceId());
        attribute(attributes, "gateway.fallback", call.fallback());
        attribute(attributes, "gateway.retries", call.retries());
        call.cacheStatus().ifPresent(s -> attribute(attributes, "gateway.cache_status", s));
        call.cost().ifPresent(c -> attributes
                .addObject()
                .put("key", "gateway.cost_usd")
                .putObject("value")
                .put("doubleValue", c));
        call.key().ifPresent(k -> attribute(attributes, "gateway.key", k));
        call.firstEventNanos().ifPresent(n -> attribute(attributes, "gateway.time_to_first_token_ms", n / 1_000_000));
        if (call.status() >= 500) {
            attribute(attributes, "error.type", Integer.toString(call.status()));
            span.putObject("status").put("code", STATUS_ERROR);
        }
        for (CallRecord.Attempt attempt : call.attempts()) {
            if (attempt.spanId().isEmpty()) {
                continue;
            }
            long start = epochStart + (attempt.startNanos() - call.startNanos());
            ObjectNode child = spans.addObject();
            child.put("traceId", own.traceId())
                    .put("spanId", attempt.spanId().get())
                    .put("parentSpanId", own.spanId())
                    .put("name", name(operation, Optional.of(attempt.model()).filter(m -> !m.isEmpty())))
                    .put("kind", CLIENT)
                    .put("startTimeUnixNano", Long.toString(start))
                    .put("endTimeUnixNano", Long.toString(start + attempt.durationNanos()));
            ArrayNode attempted = child.putArray("attributes");
            attribute(attempted, "gen_ai.operation.name", operation);
            attribute(attempted, "gen_ai.provider.name", attempt.provider());
            if (!attempt.model().isEmpty()) {
                attribute(attempted, "gen_ai.request.model", attempt.model());
            }
            attribute(attempted, "gateway.target", attempt.target());
            attribute(attempted, "gateway.attempt", attempt.attempt());
            if (attempt.error().isPresent()) {
                attribute(attempted, "error.type", attempt.error().get());
                child.putObject("status").put("code", STATUS_ERROR);
            } else {
                attribute(attempted, "http.response.status_code", attempt.status());
                if (attempt.status() >= 400) {
                    attribute(attempted, "error.type", Integer.toString(attempt.status()));
                    child.putObject("status").put("code", STATUS_ERROR);
                }
            }
        }
    }

    private static String name(String operation, Optional<String> model) {
        return model.map(m -> operation + " " + m).orElse(operation);
    }

    private static void attribute(ArrayNode attributes, String key, String value) {
        attributes.addObject().put("key", key).putObject("value").put("stringValue", value);
    }

    private static void attribute(ArrayNode attributes, String key, long value) {
        attributes.addObject().put("key", key).putObject("value").put("intValue", Long.toString(value));
    }

    private static void attribute(ArrayNode attributes, String key, boolean value) {
        attributes.addObject().put("key", key).putObject("value").put("boolValue", value);
    }
}
