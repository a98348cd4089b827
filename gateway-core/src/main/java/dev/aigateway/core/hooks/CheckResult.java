package dev.aigateway.core.hooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aigateway.core.internal.Json;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * One check's entry in {@code hook_results}, in Portkey's shape.
 *
 * @param crashed the check threw: Portkey then reports only its error, verdict, data, id, time
 *     and creation date
 */
public record CheckResult(
        String id,
        boolean verdict,
        JsonNode data,
        Optional<CheckError> error,
        long executionTimeMillis,
        boolean transformed,
        Instant createdAt,
        boolean failOnError,
        boolean crashed) {

    private static final DateTimeFormatter ISO =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    /**
     * A check that threw, reported as Portkey reports a plugin that threw; its {@code failOnError}
     * still decides whether it fails its hook, as for any other check error.
     */
    static CheckResult crashed(String id, long executionTimeMillis, Instant createdAt, boolean failOnError) {
        return new CheckResult(
                id,
                false,
                NullNode.getInstance(),
                Optional.of(new CheckError(Optional.of("Check error"), "Error executing check")),
                executionTimeMillis,
                false,
                createdAt,
                failOnError,
                true);
    }

    /** Whether this check passes its hook: a pass, or an error that does not fail on error. */
    public boolean passesHook() {
        return verdict || error.isPresent() && !failOnError;
    }

    public ObjectNode toJson() {
        ObjectNode json = Json.object();
        if (crashed) {
            error.ifPresent(e -> json.set("error", e.toJson()));
            json.put("verdict", verdict);
            json.set("data", data);
            json.put("id", id);
            json.put("execution_time", executionTimeMillis);
            json.put("created_at", iso(createdAt));
            return json;
        }
        json.set("data", data);
        json.put("verdict", verdict);
        json.put("id", id);
        error.ifPresent(e -> json.set("error", e.toJson()));
        json.put("execution_time", executionTimeMillis);
        json.put("transformed", transformed);
        json.put("created_at", iso(createdAt));
        json.putNull("log");
        json.put("fail_on_error", failOnError);
        return json;
    }

    /** JavaScript's {@code Date.toJSON()}: UTC with milliseconds. */
    static String iso(Instant instant) {
        return ISO.format(instant);
    }
}
