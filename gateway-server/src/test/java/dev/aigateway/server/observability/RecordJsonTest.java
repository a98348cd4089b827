package dev.aigateway.server.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aigateway.core.Endpoint;
import dev.aigateway.core.event.Usage;
import dev.aigateway.core.internal.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The access log's JSON line, written by hand: valid JSON whatever the callers put in their values. */
class RecordJsonTest {
    private static CallRecord record(String traceId, String model, OptionalDouble cost, Optional<String> body) {
        return new CallRecord(
                traceId,
                Endpoint.CHAT_COMPLETE,
                "/v1/chat/completions",
                Instant.ofEpochSecond(1_796_580_193L, 309_367_616),
                0,
                200,
                199_120_000,
                OptionalLong.of(12_345_678),
                List.of(
                        new CallRecord.Attempt(
                                "config.targets[0]",
                                "openai",
                                model,
                                0,
                                0,
                                Optional.of("timeout"),
                                0,
                                1_000_000,
                                Optional.empty()),
                        new CallRecord.Attempt(
                                "config.targets[1]",
                                "openai",
                                model,
                                1,
                                200,
                                Optional.empty(),
                                0,
                                2_500_000,
                                Optional.empty())),
                Optional.of("config.targets[1]"),
                Optional.of("openai"),
                Optional.of(model),
                Usage.of(12, 11),
                Optional.of("MISS"),
                cost,
                true,
                1,
                true,
                false,
                Optional.of("team-a"),
                Optional.empty(),
                body,
                body,
                Optional.empty());
    }

    @Test
    void everyFieldReadsBack() throws Exception {
        JsonNode line = Json.parse(
                RecordJson.of(record("t-1", "gpt-4o-mini", OptionalDouble.of(0.0000084), Optional.empty()), false));

        assertEquals("2026-12-06T18:03:13.309367616Z", line.path("time").asText());
        assertEquals("t-1", line.path("trace_id").asText());
        assertEquals(200, line.path("status").asInt());
        assertEquals(199.12, line.path("duration_ms").asDouble(), 1e-9);
        assertEquals(12.346, line.path("ttft_ms").asDouble(), 1e-9);
        assertEquals(2, line.path("targets").size());
        assertEquals("timeout", line.path("targets").get(0).path("error").asText());
        assertTrue(line.path("targets").get(0).path("status").isMissingNode());
        assertEquals(200, line.path("targets").get(1).path("status").asInt());
        assertEquals(1, line.path("targets").get(1).path("attempt").asInt());
        assertEquals("config.targets[1]", line.path("answered_by").asText());
        assertEquals(12, line.path("input_tokens").asInt());
        assertEquals(11, line.path("output_tokens").asInt());
        assertTrue(line.path("cost_usd").isNumber());
        assertEquals(0.0000084, line.path("cost_usd").asDouble(), 1e-15);
        assertEquals("MISS", line.path("cache").asText());
        assertTrue(line.path("fallback").asBoolean());
        assertEquals(1, line.path("retries").asInt());
        assertTrue(line.path("stream").asBoolean());
        assertFalse(line.path("complete").asBoolean());
        assertEquals("team-a", line.path("key").asText());
        assertTrue(line.path("config").isMissingNode());
        assertTrue(line.path("request_body").isMissingNode());
    }

    @Test
    void callersValuesAreEscaped() throws Exception {
        String trace = "a\"b\\c";
        String model = "m\n\u0001é\"";
        String body = "{\"messages\":[\"line\\nbreak\"]}\n";
        String text = RecordJson.of(record(trace, model, OptionalDouble.empty(), Optional.of(body)), true);

        assertFalse(text.contains("\n"), "one line");
        JsonNode line = Json.parse(text);
        assertEquals(trace, line.path("trace_id").asText());
        assertEquals(model, line.path("model").asText());
        assertEquals(model, line.path("targets").get(0).path("model").asText());
        assertEquals("unknown", line.path("cost_usd").asText());
        assertEquals(body, line.path("request_body").asText());
        assertEquals(body, line.path("response_body").asText());
    }

    @Test
    void accessLogLinesAreTheRecordsLinesOneByOne() {
        CallRecord longer = record("t-long-" + "x".repeat(20_000), "gpt-4o", OptionalDouble.of(0.5), Optional.empty());
        CallRecord shorter = record("t-2", "gpt-4o-mini", OptionalDouble.of(0.0000084), Optional.empty());
        for (AccessLog.Format format : AccessLog.Format.values()) {
            List<String> lines = new ArrayList<>();
            AccessLog log = AccessLog.to(format, lines::add);
            log.accept(longer);
            log.accept(shorter);
            log.accept(shorter);

            String expectedShorter = format == AccessLog.Format.JSON
                    ? RecordJson.of(shorter, false)
                    : AccessLog.text(new StringBuilder(), shorter).toString();
            String expectedLonger = format == AccessLog.Format.JSON
                    ? RecordJson.of(longer, false)
                    : AccessLog.text(new StringBuilder(), longer).toString();
            assertEquals(List.of(expectedLonger, expectedShorter, expectedShorter), lines, format.name());
        }
    }
}
