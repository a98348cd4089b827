package dev.aigateway.server.observability;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.aigateway.core.event.Usage;
import dev.aigateway.core.internal.Json;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
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
        StringWriter out = new StringWriter(512);
        try (JsonGenerator json = Json.MAPPER.getFactory().createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("time", call.startedAt().toString());
            json.writeStringField("trace_id", call.traceId());
            json.writeStringField("route", call.route());
            json.writeNumberField("status", call.status());
            json.writeNumberField("duration_ms", millis(call.durationNanos()));
            if (call.firstEventNanos().isPresent()) {
                json.writeNumberField("ttft_ms", millis(call.firstEventNanos().getAsLong()));
            }
            json.writeArrayFieldStart("targets");
            for (CallRecord.Attempt attempt : call.attempts()) {
                json.writeStartObject();
                json.writeStringField("target", attempt.target());
                json.writeStringField("provider", attempt.provider());
                if (!attempt.model().isEmpty()) {
                    json.writeStringField("model", attempt.model());
                }
                json.writeNumberField("attempt", attempt.attempt());
                if (attempt.error().isPresent()) {
                    json.writeStringField("error", attempt.error().get());
                } else {
                    json.writeNumberField("status", attempt.status());
                }
                json.writeNumberField("duration_ms", millis(attempt.durationNanos()));
                json.writeEndObject();
            }
            json.writeEndArray();
            text(json, "answered_by", call.answeredBy());
            text(json, "provider", call.provider());
            text(json, "model", call.model());
            usage(json, call.usage());
            if (call.cost().isPresent()) {
                json.writeFieldName("cost_usd");
                json.writeNumber(plain(call.cost().getAsDouble()));
            } else {
                json.writeStringField("cost_usd", "unknown");
            }
            text(json, "cache", call.cacheStatus());
            json.writeBooleanField("fallback", call.fallback());
            json.writeNumberField("retries", call.retries());
            json.writeBooleanField("stream", call.streamed());
            if (call.streamed()) {
                json.writeBooleanField("complete", call.complete());
            }
            text(json, "key", call.key());
            text(json, "config", call.config());
            if (withBodies) {
                text(json, "request_body", call.requestBody());
                text(json, "response_body", call.responseBody());
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return out.toString();
    }

    private static void usage(JsonGenerator json, Usage usage) throws IOException {
        count(json, "input_tokens", usage.inputTokens());
        count(json, "output_tokens", usage.outputTokens());
        count(json, "cache_read_tokens", usage.cacheReadTokens());
        count(json, "cache_write_tokens", usage.cacheWriteTokens());
        count(json, "reasoning_tokens", usage.reasoningTokens());
    }

    private static void count(JsonGenerator json, String name, OptionalLong value) throws IOException {
        if (value.isPresent()) {
            json.writeNumberField(name, value.getAsLong());
        }
    }

    private static void text(JsonGenerator json, String name, Optional<String> value) throws IOException {
        if (value.isPresent()) {
            json.writeStringField(name, value.get());
        }
    }

    /** Milliseconds with three decimals. */
    static double millis(long nanos) {
        return Math.round(nanos / 1000.0) / 1000.0;
    }

    /** Dollars to a millionth of a cent, without an exponent: {@code 0.0000084}. */
    static String plain(double dollars) {
        return java.math.BigDecimal.valueOf(round(dollars)).stripTrailingZeros().toPlainString();
    }

    /** Dollars to a millionth of a cent. */
    static double round(double dollars) {
        return Math.round(dollars * 1e8) / 1e8;
    }
}
