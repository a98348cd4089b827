package dev.aigateway.core.hooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aigateway.core.config.HookType;
import dev.aigateway.core.internal.Json;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One hook's entry in {@code hook_results}, in Portkey's shape: {@code {verdict, id, transformed,
 * checks, feedback, execution_time, async, type, created_at, deny}}, or {@code {id, type,
 * skipped: true}} for a hook that did not run (a route without hooks, an answer that is not a 200,
 * an after-request hook on embeddings).
 *
 * @param deny whether this hook refused the request: it asks to deny and its verdict is false
 */
public record HookResult(
        Optional<String> id,
        Optional<HookType> type,
        boolean skipped,
        boolean verdict,
        boolean deny,
        boolean async,
        boolean transformed,
        List<CheckResult> checks,
        Optional<ObjectNode> feedback,
        long executionTimeMillis,
        Instant createdAt) {

    public HookResult {
        checks = List.copyOf(checks);
        feedback = feedback.map(ObjectNode::deepCopy);
    }

    static HookResult skipped(Optional<String> id, Optional<HookType> type) {
        return new HookResult(id, type, true, true, false, false, false, List.of(), Optional.empty(), 0, Instant.EPOCH);
    }

    /** Whether the hook ran and its verdict is false. */
    public boolean failed() {
        return !skipped && !verdict;
    }

    public ObjectNode toJson() {
        ObjectNode json = Json.object();
        if (skipped) {
            id.ifPresent(i -> json.put("id", i));
            type.ifPresent(t -> json.put("type", t.wireName()));
            json.put("skipped", true);
            return json;
        }
        json.put("verdict", verdict);
        id.ifPresent(i -> json.put("id", i));
        json.put("transformed", transformed);
        ArrayNode list = json.putArray("checks");
        checks.forEach(c -> list.add(c.toJson()));
        json.set("feedback", feedback.<JsonNode>map(f -> f).orElse(NullNode.getInstance()));
        json.put("execution_time", executionTimeMillis);
        json.put("async", async);
        type.ifPresent(t -> json.put("type", t.wireName()));
        json.put("created_at", CheckResult.iso(createdAt));
        json.put("deny", deny);
        return json;
    }

    /** A list of results as a JSON array. */
    static ArrayNode toJson(List<HookResult> results) {
        ArrayNode array = Json.array();
        results.forEach(r -> array.add(r.toJson()));
        return array;
    }
}
