package dev.aigateway.core.hooks.checks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aigateway.core.hooks.Check;
import dev.aigateway.core.hooks.CheckContext;
import dev.aigateway.core.hooks.CheckError;
import dev.aigateway.core.hooks.CheckOutcome;
import dev.aigateway.core.internal.Json;
import java.util.regex.Pattern;

/** {@code default.wordCount}: whether the text has {@code minWords} to {@code maxWords} words (0 and 99999 by default). */
final class WordCount implements Check {
    private static final Pattern WHITESPACE = Pattern.compile("\\s+", Pattern.UNICODE_CHARACTER_CLASS);

    @Override
    public CheckOutcome run(CheckContext context, ObjectNode parameters) {
        String text = ContentPart.of(context).text().strip();
        boolean not = Params.flag(parameters, "not");
        JsonNode min = Params.orDefault(parameters, "minWords", IntNode.valueOf(0));
        JsonNode max = Params.orDefault(parameters, "maxWords", IntNode.valueOf(99999));
        String problem = text.isEmpty()
                ? "Missing text to analyze"
                : !Params.isInteger(min) || !Params.isInteger(max) ? "Invalid or missing word count range" : null;
        if (problem != null) {
            ObjectNode data = Json.object();
            data.put("explanation", "An error occurred while processing word count: " + problem);
            data.set("minWords", min);
            data.set("maxWords", max);
            data.put("not", not);
            data.put("textExcerpt", Excerpt.orNone(text));
            return CheckOutcome.failed(false, CheckError.of(problem), data);
        }
        int count = WHITESPACE.split(text, -1).length;
        boolean inRange = count >= min.asLong() && count <= max.asLong();
        boolean verdict = not != inRange;
        String range = min.asLong() + "-" + max.asLong() + " words";
        String prefix = "The text contains " + count + " words, which is ";
        ObjectNode data = Json.object();
        data.put("wordCount", count);
        data.set("minWords", min);
        data.set("maxWords", max);
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
