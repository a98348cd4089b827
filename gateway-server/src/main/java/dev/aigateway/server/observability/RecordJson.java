package dev.aigateway.server.observability;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import dev.aigateway.core.event.Usage;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A {@link CallRecord} as one JSON object: the access log's line and the console's event. Field
 * names are docs/observability.md's; absent facts are left out, and an unknown cost is
 * {@code "unknown"}, never 0.
 */
final class RecordJson {
    private RecordJson() {}

    static String of(CallRecord call, boolean withBodies) {
        return write(new StringBuilder(withBodies ? 1024 : 512), call, withBodies)
                .toString();
    }

    /** Appends the record's JSON object to {@code out}: the access log's line goes on as it is, no String made. */
    static StringBuilder write(StringBuilder out, CallRecord call, boolean withBodies) {
        Line json = new Line(out);
        Formats.time(json.name("time").append('"'), call.startedAt()).append('"');
        json.text("trace_id", call.traceId());
        json.text("route", call.route());
        json.name("status").append(call.status());
        Formats.millis(json.name("duration_ms"), call.durationNanos());
        if (call.firstEventNanos().isPresent()) {
            Formats.millis(json.name("ttft_ms"), call.firstEventNanos().getAsLong());
        }
        json.name("targets").append('[');
        boolean first = true;
        for (CallRecord.Attempt attempt : call.attempts()) {
            if (!first) {
                json.append(',');
            }
            first = false;
            json.append('{');
            json.text("target", attempt.target());
            json.text("provider", attempt.provider());
            if (!attempt.model().isEmpty()) {
                json.text("model", attempt.model());
            }
            json.name("attempt").append(attempt.attempt());
            if (attempt.error().isPresent()) {
                json.text("error", attempt.error().get());
            } else {
                json.name("status").append(attempt.status());
            }
            Formats.millis(json.name("duration_ms"), attempt.durationNanos());
            json.append('}');
        }
        json.append(']');
        json.text("answered_by", call.answeredBy());
        json.text("provider", call.provider());
        json.text("model", call.model());
        usage(json, call.usage());
        if (call.cost().isPresent()) {
            Formats.dollarsPlain(json.name("cost_usd"), call.cost().getAsDouble());
        } else {
            json.text("cost_usd", "unknown");
        }
        json.text("cache", call.cacheStatus());
        json.name("fallback").append(call.fallback());
        json.name("retries").append(call.retries());
        json.name("stream").append(call.streamed());
        if (call.streamed()) {
            json.name("complete").append(call.complete());
        }
        json.text("key", call.key());
        json.text("config", call.config());
        if (withBodies) {
            json.text("request_body", call.requestBody());
            json.text("response_body", call.responseBody());
        }
        return json.end();
    }

    private static void usage(Line json, Usage usage) {
        count(json, "input_tokens", usage.inputTokens());
        count(json, "output_tokens", usage.outputTokens());
        count(json, "cache_read_tokens", usage.cacheReadTokens());
        count(json, "cache_write_tokens", usage.cacheWriteTokens());
        count(json, "reasoning_tokens", usage.reasoningTokens());
    }

    private static void count(Line json, String name, OptionalLong value) {
        if (value.isPresent()) {
            json.name(name).append(value.getAsLong());
        }
    }

    /**
     * One JSON object written straight into a StringBuilder: a line per request is the hot path's
     * cost, and a generator per line (its buffers, its recycler) was most of it. Field names are
     * constants; values are escaped as JSON strings.
     */
    private static final class Line {
        private final StringBuilder out;

        Line(StringBuilder out) {
            this.out = out.append('{');
        }

        StringBuilder name(String name) {
            char last = out.charAt(out.length() - 1);
            if (last != '{' && last != '[') {
                out.append(',');
            }
            return out.append('"').append(name).append("\":");
        }

        void append(char c) {
            out.append(c);
        }

        void text(String name, String value) {
            quote(name(name), value);
        }

        void text(String name, Optional<String> value) {
            if (value.isPresent()) {
                text(name, value.get());
            }
        }

        StringBuilder end() {
            return out.append('}');
        }

        private static void quote(StringBuilder out, String value) {
            out.append('"');
            if (plain(value)) {
                out.append(value);
            } else {
                out.append(JsonStringEncoder.getInstance().quoteAsString(value));
            }
            out.append('"');
        }

        /** Nothing to escape: no control character, quote or backslash. */
        private static boolean plain(String value) {
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c < 0x20 || c == '"' || c == '\\') {
                    return false;
                }
            }
            return true;
        }
    }
}
