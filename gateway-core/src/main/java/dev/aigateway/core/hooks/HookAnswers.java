package dev.aigateway.core.hooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aigateway.core.GatewayResponse;
import dev.aigateway.core.http.Headers;
import dev.aigateway.core.internal.Json;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The answers hooks give, exactly as Portkey's: a denial is a 446 with the {@code hooks_failed}
 * error and {@code hook_results}; a hook that failed without denying turns a 200 into a 246; any
 * JSON answer gets {@code hook_results} appended whenever a hook ran.
 */
final class HookAnswers {
    /** Portkey's status for a request or answer a guardrail refused. */
    static final int DENIED = 446;

    /** Portkey's status for an answer some hook failed without refusing it. */
    static final int HOOKS_FAILED = 246;

    static final String MESSAGE =
            "The guardrail checks defined in the config failed. You can find more information in the `hook_results` object.";

    private HookAnswers() {}

    /** The 446 answer: the {@code hooks_failed} error and every result. */
    static GatewayResponse.Complete denied(Headers headers, List<HookResult> before, List<HookResult> after) {
        ObjectNode body = Json.object();
        body.set("error", error());
        body.set("hook_results", results(before, after));
        Headers json =
                headers.newBuilder().set("content-type", "application/json").build();
        return new GatewayResponse.Complete(DENIED, json, Json.bytes(body));
    }

    /** Portkey's error object of a denial. */
    static ObjectNode error() {
        ObjectNode error = Json.object();
        error.put("message", MESSAGE);
        error.put("type", "hooks_failed");
        error.putNull("param");
        error.putNull("code");
        return error;
    }

    /** {@code {"before_request_hooks":[...],"after_request_hooks":[...]}}. */
    static ObjectNode results(List<HookResult> before, List<HookResult> after) {
        ObjectNode results = Json.object();
        results.set("before_request_hooks", HookResult.toJson(before));
        results.set("after_request_hooks", HookResult.toJson(after));
        return results;
    }

    /**
     * A complete answer after the hooks that ran: denied (446), or the answer (rewritten by an
     * output mutator where one did) with {@code hook_results}, as a 246 when a hook failed on a 200.
     *
     * @param body the answer's JSON object, when it is one
     * @param rewritten the answer an after-request hook rewrote it into, if one did
     */
    static GatewayResponse.Complete complete(
            GatewayResponse.Complete answer,
            Optional<ObjectNode> body,
            Optional<ObjectNode> rewritten,
            List<HookResult> before,
            List<HookResult> after,
            boolean deny) {
        boolean failed =
                before.stream().anyMatch(HookResult::failed) || after.stream().anyMatch(HookResult::failed);
        if (deny) {
            return denied(gatewayHeaders(answer.headers()), before, after);
        }
        int status = failed && answer.status() == 200 ? HOOKS_FAILED : answer.status();
        if (body.isEmpty()) {
            return new GatewayResponse.Complete(status, answer.headers(), answer.body());
        }
        if (before.isEmpty() && after.isEmpty() && rewritten.isEmpty()) {
            return new GatewayResponse.Complete(status, answer.headers(), answer.body());
        }
        ObjectNode out = rewritten.orElse(body.get()).deepCopy();
        if (!before.isEmpty() || !after.isEmpty()) {
            out.set("hook_results", results(before, after));
        }
        return new GatewayResponse.Complete(status, answer.headers(), Json.bytes(out));
    }

    /**
     * The headers a denial keeps: the gateway's own ({@code x-portkey-*}, e.g. the cache status);
     * as in Portkey, the upstream's headers go with the output the denial discards.
     */
    private static Headers gatewayHeaders(Headers headers) {
        Headers.Builder kept = Headers.builder();
        headers.forEach((name, value) -> {
            if (name.toLowerCase(Locale.ROOT).startsWith("x-portkey-")) {
                kept.add(name, value);
            }
        });
        return kept.build();
    }

    /** The answer's body as a JSON object, when it is one. */
    static Optional<ObjectNode> jsonObject(byte[] body) {
        if (body.length == 0 || body[0] != '{' && !Character.isWhitespace(body[0])) {
            return Optional.empty();
        }
        JsonNode node = Json.parseOrNull(body);
        return node instanceof ObjectNode object ? Optional.of(object) : Optional.empty();
    }

    /** The format's stream error event's body turned into a denial: the {@code hooks_failed} type and the results. */
    static ObjectNode streamDenial(JsonNode template, ObjectNode hookResults) {
        ObjectNode body = template instanceof ObjectNode object ? object.deepCopy() : Json.object();
        if (body.path("error").isObject()) {
            ObjectNode error = (ObjectNode) body.get("error");
            error.put("message", MESSAGE);
            error.put("type", "hooks_failed");
        } else {
            body.set("error", error());
        }
        body.set("hook_results", hookResults);
        return body;
    }
}
