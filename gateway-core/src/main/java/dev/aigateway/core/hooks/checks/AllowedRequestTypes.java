package dev.aigateway.core.hooks.checks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aigateway.core.hooks.Check;
import dev.aigateway.core.hooks.CheckContext;
import dev.aigateway.core.hooks.CheckError;
import dev.aigateway.core.hooks.CheckOutcome;
import dev.aigateway.core.internal.Json;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code default.allowedRequestTypes}: whether the request type ({@code chatComplete},
 * {@code embed}, ...) is allowed by {@code allowedTypes} / {@code blockedTypes} (arrays or
 * comma-separated), or else by the metadata's {@code supported_endpoints} /
 * {@code blocked_endpoints}; blocked wins.
 */
final class AllowedRequestTypes implements Check {
    @Override
    public CheckOutcome run(CheckContext context, ObjectNode parameters) {
        String current = context.requestType();
        List<String> allowed = list(parameters.get("allowedTypes"));
        List<String> blocked = list(parameters.get("blockedTypes"));
        if (allowed.isEmpty()) {
            allowed = list(context.metadata().get("supported_endpoints"));
        }
        if (blocked.isEmpty()) {
            blocked = list(context.metadata().get("blocked_endpoints"));
        }
        List<String> conflicts = allowed.stream().filter(blocked::contains).toList();
        if (!conflicts.isEmpty()) {
            String message = "Conflict detected: The following types appear in both allowedTypes and blockedTypes: "
                    + String.join(", ", conflicts) + ". Please remove them from one list.";
            ObjectNode data = Json.object();
            data.put("explanation", "An error occurred while checking allowed request types: " + message);
            data.put("currentRequestType", current);
            data.set(
                    "allowedTypes",
                    orEmpty(parameters.get("allowedTypes"), context.metadata().get("supported_endpoints")));
            data.set(
                    "blockedTypes",
                    orEmpty(parameters.get("blockedTypes"), context.metadata().get("blocked_endpoints")));
            return CheckOutcome.failed(false, CheckError.of(message), data);
        }
        String mode;
        boolean verdict;
        String explanation;
        if (allowed.isEmpty() && blocked.isEmpty()) {
            mode = "unrestricted";
            verdict = true;
            explanation = "Request type \"" + current + "\" is allowed (no restrictions configured).";
        } else if (allowed.isEmpty()) {
            mode = "blocklist";
            verdict = !blocked.contains(current);
            explanation = verdict
                    ? "Request type \"" + current + "\" is allowed (not in blocklist)."
                    : "Request type \"" + current + "\" is blocked.";
        } else if (blocked.isEmpty()) {
            mode = "allowlist";
            verdict = allowed.contains(current);
            explanation = verdict
                    ? "Request type \"" + current + "\" is allowed."
                    : "Request type \"" + current + "\" is not allowed. Allowed types are: "
                            + String.join(", ", allowed);
        } else {
            mode = "combined";
            boolean isBlocked = blocked.contains(current);
            verdict = !isBlocked && allowed.contains(current);
            List<String> blockedList = blocked;
            explanation = verdict
                    ? "Request type \"" + current + "\" is allowed (in allowlist and not blocked)."
                    : isBlocked
                            ? "Request type \"" + current + "\" is explicitly blocked."
                            : "Request type \"" + current
                                    + "\" is not in the allowed list. Allowed types (excluding blocked): "
                                    + String.join(
                                            ", ",
                                            allowed.stream()
                                                    .filter(t -> !blockedList.contains(t))
                                                    .toList());
        }
        ObjectNode data = Json.object();
        data.put("currentRequestType", current);
        if (!allowed.isEmpty()) {
            allowed.forEach(data.putArray("allowedTypes")::add);
        } else if (mode.equals("unrestricted")) {
            data.putArray("allowedTypes").add("all");
        }
        if (!blocked.isEmpty()) {
            blocked.forEach(data.putArray("blockedTypes")::add);
        }
        data.put("verdict", verdict);
        data.put("explanation", explanation);
        boolean fromParameters =
                Params.truthy(parameters.get("allowedTypes")) || Params.truthy(parameters.get("blockedTypes"));
        boolean fromMetadata = Params.truthy(context.metadata().get("supported_endpoints"))
                || Params.truthy(context.metadata().get("blocked_endpoints"));
        data.put("source", fromParameters ? "parameters" : fromMetadata ? "metadata" : "default");
        data.put("mode", mode);
        return CheckOutcome.of(verdict, data);
    }

    private static List<String> list(JsonNode node) {
        List<String> out = new ArrayList<>();
        if (node == null || node.isNull()) {
            return out;
        }
        if (node.isArray()) {
            node.forEach(item -> out.add(item.asText()));
        } else if (node.isTextual() && !node.asText().isEmpty()) {
            for (String part : node.asText().split(",")) {
                out.add(part.strip());
            }
        }
        return out;
    }

    private static JsonNode orEmpty(JsonNode first, JsonNode second) {
        if (first != null && Params.truthy(first)) {
            return first;
        }
        if (second != null && Params.truthy(second)) {
            return second;
        }
        ArrayNode empty = Json.array();
        return empty;
    }
}
