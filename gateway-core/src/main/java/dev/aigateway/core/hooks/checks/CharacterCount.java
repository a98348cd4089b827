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
 * {@code default.characterCount}: whether the text has {@code minCharacters} to
 * {@code maxCharacters} characters (0 and 9999999 by default), counted in UTF-16 units as
 * JavaScript's {@code length}.
 */
final class CharacterCount implements Check {
    @Override
    public CheckOutcome run(CheckContext context, ObjectNode parameters) {
        String text = ContentPart.of(context).text();
        boolean not = Params.flag(parameters, "not");
        JsonNode min = Params.orDefault(parameters, "minCharacters", IntNode.valueOf(0));
        JsonNode max = Params.orDefault(parameters, "maxCharacters", IntNode.valueOf(9999999));
        String problem = text.isEmpty()
                ? "Missing text to analyze"
                : !Params.isInteger(min) || !Params.isInteger(max) ? "Invalid or missing character count range" : null;
        if (problem != null) {
            ObjectNode data = Json.object();
            data.put("explanation", "An error occurred while counting characters: " + problem);
            data.set("minCharacters", min);
            data.set("maxCharacters", max);
            data.put("not", not);
            data.put("textExcerpt", Excerpt.orNone(text));
            return CheckOutcome.failed(false, CheckError.of(problem), data);
        }
        int count = text.length();
        boolean inRange = count >= min.asLong() && count <= max.asLong();
        boolean verdict = not != inRange;
        String range = min.asLong() + "-" + max.asLong() + " characters";
        String prefix = "The text contains " + count + " characters, which is ";
        ObjectNode data = Json.object();
        data.put("characterCount", count);
        data.set("minCharacters", min);
        data.set("maxCharacters", max);
        data.put("not", not);
        data.put("verdict", verdict);
        data.put(
                "explanation",
                verdict
                        ? not
                                ? prefix + "outside the specified range of " + range + " as expected."
                                : prefix + "within the specified range of " + range + "."
                        : not
                                ? prefix + "within the specified range of " + range + " when it should not be."
                                : prefix + "outside the specified range of " + range + ".");
        data.put("textExcerpt", Excerpt.of(text));
        return CheckOutcome.of(verdict, data);
    }
}
