package dev.aigateway.core.hooks.checks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aigateway.core.hooks.CheckError;
import dev.aigateway.core.hooks.CheckOutcome;
import dev.aigateway.core.internal.Json;
import java.util.function.ToIntFunction;

/**
 * Portkey's whole-number range checks on a count of the text ({@code characterCount},
 * {@code wordCount}): the same parameters, verdict and answers, under each check's own names and
 * texts.
 *
 * @param unit what is counted, as the explanation names it ({@code characters})
 * @param countField the data field holding the count ({@code characterCount})
 * @param minName the lower bound's parameter ({@code minCharacters}), 0 by default
 * @param maxName the upper bound's parameter ({@code maxCharacters})
 * @param defaultMax the upper bound when none is given
 * @param rangeProblem the error when a bound is not a whole number
 * @param errorPrefix the explanation's start for any error
 */
record CountInRange(
        String unit,
        String countField,
        String minName,
        String maxName,
        int defaultMax,
        String rangeProblem,
        String errorPrefix) {

    CheckOutcome judge(String text, ToIntFunction<String> counter, ObjectNode parameters) {
        boolean not = Params.flag(parameters, "not");
        JsonNode min = Params.orDefault(parameters, minName, IntNode.valueOf(0));
        JsonNode max = Params.orDefault(parameters, maxName, IntNode.valueOf(defaultMax));
        String problem = text.isEmpty()
                ? "Missing text to analyze"
                : !Params.isInteger(min) || !Params.isInteger(max) ? rangeProblem : null;
        if (problem != null) {
            ObjectNode data = Json.object();
            data.put("explanation", errorPrefix + problem);
            data.set(minName, min);
            data.set(maxName, max);
            data.put("not", not);
            data.put("textExcerpt", Excerpt.orNone(text));
            return CheckOutcome.failed(false, CheckError.of(problem), data);
        }
        int count = counter.applyAsInt(text);
        boolean verdict = not != (count >= min.asLong() && count <= max.asLong());
        String range = min.asLong() + "-" + max.asLong() + " " + unit;
        ObjectNode data = Json.object();
        data.put(countField, count);
        data.set(minName, min);
        data.set(maxName, max);
        data.put("not", not);
        data.put("verdict", verdict);
        data.put(
                "explanation",
                explanation("The text contains " + count + " " + unit + ", which is ", range, verdict, not));
        data.put("textExcerpt", Excerpt.of(text));
        return CheckOutcome.of(verdict, data);
    }

    /** Portkey's four range explanations: within or outside {@code range}, as expected or not. */
    static String explanation(String prefix, String range, boolean verdict, boolean not) {
        if (verdict) {
            return not
                    ? prefix + "outside the specified range of " + range + " as expected."
                    : prefix + "within the specified range of " + range + ".";
        }
        return not
                ? prefix + "within the specified range of " + range + " when it should not be."
                : prefix + "outside the specified range of " + range + ".";
    }
}
