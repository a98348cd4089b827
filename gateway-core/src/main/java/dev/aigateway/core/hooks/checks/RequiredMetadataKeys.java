package dev.aigateway.core.hooks.checks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aigateway.core.hooks.Check;
import dev.aigateway.core.hooks.CheckContext;
import dev.aigateway.core.hooks.CheckError;
import dev.aigateway.core.hooks.CheckOutcome;
import dev.aigateway.core.hooks.HookEvent;
import dev.aigateway.core.internal.Json;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code default.requiredMetadataKeys}: whether the request's {@code x-portkey-metadata} has
 * {@code all} (the default), {@code any} or {@code none} of {@code metadataKeys}. Before the
 * request only; as in Portkey, a bad parameter passes with an error.
 */
final class RequiredMetadataKeys implements Check {
    @Override
    public CheckOutcome run(CheckContext context, ObjectNode parameters) {
        if (context.event() != HookEvent.BEFORE_REQUEST) {
            return problem("This plugin only works for before_request_hooks");
        }
        JsonNode keys = parameters.get("metadataKeys");
        if (keys == null || !keys.isArray() || keys.isEmpty()) {
            return problem("metadataKeys must be an array and not empty");
        }
        for (JsonNode key : keys) {
            if (!key.isTextual()) {
                return problem("metadataKeys must be an array of strings");
            }
        }
        String operator = Params.textOr(parameters, "operator", "all");
        if (!List.of("all", "any", "none").contains(operator)) {
            return problem("operator must be one of: all, any, none");
        }
        List<String> found = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        keys.forEach(k -> (context.metadata().has(k.asText()) ? found : missing).add(k.asText()));
        boolean verdict =
                switch (operator) {
                    case "any" -> !found.isEmpty();
                    case "all" -> missing.isEmpty();
                    default -> found.isEmpty();
                };
        String explanation = "Check " + (verdict ? "passed" : "failed") + " for '" + operator + "' metadata keys.";
        explanation += switch (operator) {
            case "any" -> verdict ? " At least one metadata key was found." : " No metadata keys were found.";
            case "all" -> verdict ? " All metadata keys were found." : " Some metadata keys were missing.";
            default -> verdict ? " No metadata keys were found." : " Some metadata keys were found.";
        };
        ObjectNode data = Json.object();
        data.put("explanation", explanation);
        missing.forEach(data.putArray("missing_metadata_keys")::add);
        found.forEach(data.putArray("found_metadata_keys")::add);
        data.put("operator", operator);
        return CheckOutcome.of(verdict, data);
    }

    private static CheckOutcome problem(String message) {
        return CheckOutcome.failed(true, CheckError.message(message), CheckOutcome.noData());
    }
}
