package dev.aigateway.core.hooks.checks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aigateway.core.hooks.Check;
import dev.aigateway.core.hooks.CheckContext;
import dev.aigateway.core.hooks.CheckError;
import dev.aigateway.core.hooks.CheckOutcome;
import dev.aigateway.core.internal.Json;

/**
 * {@code default.sentenceCount}: whether the text has {@code minSentences} to {@code maxSentences}
 * sentences (0 and 99999 by default), counted as Portkey does: one per {@code .}, {@code !} or
 * {@code ?}.
 */
final class SentenceCount implements Check {
    @Override
    public CheckOutcome run(CheckContext context, ObjectNode parameters) {
        String text = ContentPart.of(context).text();
        boolean not = Params.flag(parameters, "not");
        JsonNode min = Params.orDefault(parameters, "minSentences", IntNode.valueOf(0));
        JsonNode max = Params.orDefault(parameters, "maxSentences", IntNode.valueOf(99999));
        if (!min.isNumber() || !max.isNumber()) {
            ObjectNode data = Json.object();
            data.put("explanation", "An error occurred: Missing sentence count range");
            data.set("minCount", min);
            data.set("maxCount", max);
            data.put("not", not);
            data.put("textExcerpt", Excerpt.orNone(text));
            return CheckOutcome.failed(false, CheckError.of("Missing sentence count range"), data);
        }
        long count = text.chars().filter(c -> c == '.' || c == '!' || c == '?').count();
        boolean inRange = count >= min.asDouble() && count <= max.asDouble();
        boolean verdict = not != inRange;
        String range = Params.number(min) + " to " + Params.number(max);
        ObjectNode data = Json.object();
        data.put("sentenceCount", count);
        data.set("minCount", min);
        data.set("maxCount", max);
        data.put("not", not);
        data.put("verdict", verdict);
        String prefix = "The sentence count (" + count + ") is ";
        data.put("explanation", CountInRange.explanation(prefix, range, verdict, not));
        data.put("textExcerpt", Excerpt.of(text));
        return CheckOutcome.of(verdict, data);
    }
}
