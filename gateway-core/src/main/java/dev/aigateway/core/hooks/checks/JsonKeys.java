package dev.aigateway.core.hooks.checks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aigateway.core.hooks.Check;
import dev.aigateway.core.hooks.CheckContext;
import dev.aigateway.core.hooks.CheckError;
import dev.aigateway.core.hooks.CheckOutcome;
import dev.aigateway.core.internal.Json;
import java.util.List;
import java.util.Optional;

/**
 * {@code default.jsonKeys}: whether JSON in the text has {@code any} (the default), {@code all} or
 * {@code none} of {@code keys}; the best of the JSON objects found is reported.
 */
final class JsonKeys implements Check {
    @Override
    public CheckOutcome run(CheckContext context, ObjectNode parameters) {
        String text = ContentPart.of(context).text();
        JsonNode keysNode = parameters.get("keys");
        String operator = Params.textOr(parameters, "operator", "any");
        Optional<List<String>> keys = Params.strings(keysNode).filter(k -> !k.isEmpty());
        String problem = text.isEmpty()
                ? "Missing text to analyze"
                : keys.isEmpty()
                        ? "Missing or invalid keys array"
                        : !List.of("any", "all", "none").contains(operator)
                                ? "Invalid or missing operator (must be \"any\", \"all\", or \"none\")"
                                : null;
        if (problem != null) {
            ObjectNode data = Json.object();
            data.put("explanation", "An error occurred while processing JSON: " + problem);
            data.set("operator", parameters.get("operator"));
            data.set("requiredKeys", keysNode);
            data.put("textExcerpt", Excerpt.orNone(text));
            return CheckOutcome.failed(false, CheckError.of(problem), data);
        }
        List<String> required = keys.get();
        List<String> candidates = JsonInText.candidates(text, true);
        if (candidates.isEmpty()) {
            ObjectNode data = Json.object();
            data.put("explanation", "No valid JSON found in the text.");
            data.set("requiredKeys", keysNode);
            data.put("operator", operator);
            data.put("textExcerpt", Excerpt.of(text));
            return CheckOutcome.of(false, data);
        }
        JsonNode bestJson = NullNode.getInstance();
        List<String> bestPresent = List.of();
        List<String> bestMissing = required;
        boolean verdict = false;
        for (String candidate : candidates) {
            Optional<JsonNode> parsed = JsonInText.parse(candidate);
            if (parsed.isEmpty()) {
                continue;
            }
            JsonNode json = parsed.get();
            List<String> present = required.stream()
                    .filter(json::has)
                    .filter(k -> json.isObject())
                    .toList();
            List<String> missing =
                    required.stream().filter(k -> !present.contains(k)).toList();
            boolean current =
                    switch (operator) {
                        case "any" -> !present.isEmpty();
                        case "all" -> missing.isEmpty();
                        default -> present.isEmpty();
                    };
            if (current || present.size() > bestPresent.size()) {
                bestJson = json;
                bestPresent = present;
                bestMissing = missing;
                verdict = current;
            }
            if (current) {
                break;
            }
        }
        ObjectNode data = Json.object();
        data.set("matchedJson", bestJson);
        data.put("verdict", verdict);
        data.put("explanation", explanation(operator, bestPresent, bestMissing, verdict));
        bestPresent.forEach(data.putArray("presentKeys")::add);
        bestMissing.forEach(data.putArray("missingKeys")::add);
        data.put("operator", operator);
        data.put("textExcerpt", Excerpt.of(text));
        return CheckOutcome.of(verdict, data);
    }

    private static String explanation(String operator, List<String> present, List<String> missing, boolean verdict) {
        String presentList =
                present.isEmpty() ? "No matching keys found" : "Found keys: [" + String.join(", ", present) + "]";
        String missingList =
                missing.isEmpty() ? "No missing keys" : "Missing keys: [" + String.join(", ", missing) + "]";
        return switch (operator) {
            case "any" -> verdict
                    ? "Successfully found at least one required key. " + presentList + "."
                    : "Failed to find any required keys. " + missingList + ".";
            case "all" -> verdict
                    ? "Successfully found all required keys. " + presentList + "."
                    : "Failed to find all required keys. " + missingList + ".";
            default -> verdict
                    ? "Successfully verified no required keys are present. " + missingList + "."
                    : "Found some keys that should not be present. " + presentList + ".";
        };
    }
}
