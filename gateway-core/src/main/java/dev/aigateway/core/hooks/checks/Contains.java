package dev.aigateway.core.hooks.checks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aigateway.core.hooks.Check;
import dev.aigateway.core.hooks.CheckContext;
import dev.aigateway.core.hooks.CheckError;
import dev.aigateway.core.hooks.CheckOutcome;
import dev.aigateway.core.internal.Json;
import java.util.List;

/** {@code default.contains}: whether the text holds {@code any}, {@code all} or {@code none} of {@code words}. */
final class Contains implements Check {
    @Override
    public CheckOutcome run(CheckContext context, ObjectNode parameters) {
        String operator = Params.textOr(parameters, "operator", "any");
        List<String> words = Params.strings(parameters.get("words")).orElse(null);
        if (words == null) {
            ObjectNode data = Json.object();
            data.put("explanation", "An error occurred while processing the text.");
            data.put("error", "words must be an array of strings");
            return CheckOutcome.failed(false, CheckError.of("words must be an array of strings"), data);
        }
        String text = ContentPart.of(context).text();
        List<String> found = words.stream().filter(text::contains).toList();
        List<String> missing = words.stream().filter(w -> !text.contains(w)).toList();
        boolean verdict =
                switch (operator) {
                    case "any" -> !found.isEmpty();
                    case "all" -> missing.isEmpty();
                    case "none" -> found.isEmpty();
                    default -> false;
                };
        String explanation = "Check " + (verdict ? "passed" : "failed") + " for '" + operator + "' words.";
        explanation += switch (operator) {
            case "any" -> verdict ? " At least one word was found." : " No words were found.";
            case "all" -> verdict ? " All words were found." : " Some words were missing.";
            case "none" -> verdict ? " No words were found." : " Some words were found.";
            default -> "";
        };
        ObjectNode data = Json.object();
        data.put("explanation", explanation);
        found.forEach(data.putArray("foundWords")::add);
        missing.forEach(data.putArray("missingWords")::add);
        data.put("operator", operator);
        return CheckOutcome.of(verdict, data);
    }
}
