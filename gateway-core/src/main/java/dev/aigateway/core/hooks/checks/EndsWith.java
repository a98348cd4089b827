package dev.aigateway.core.hooks.checks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aigateway.core.hooks.Check;
import dev.aigateway.core.hooks.CheckContext;
import dev.aigateway.core.hooks.CheckError;
import dev.aigateway.core.hooks.CheckOutcome;
import dev.aigateway.core.internal.Json;

/** {@code default.endsWith}: whether the text ends with {@code suffix} (a trailing period allowed). */
final class EndsWith implements Check {
    @Override
    public CheckOutcome run(CheckContext context, ObjectNode parameters) {
        String text = ContentPart.of(context).text();
        boolean not = Params.flag(parameters, "not");
        String suffix = Params.truthy(parameters.get("suffix"))
                ? parameters.get("suffix").asText()
                : "";
        String problem =
                text.isEmpty() ? "Missing text to analyze" : suffix.isEmpty() ? "Missing or empty suffix" : null;
        if (problem != null) {
            ObjectNode data = Json.object();
            data.put("explanation", "An error occurred while checking suffix: " + problem);
            data.set("suffix", parameters.get("suffix"));
            data.put("not", not);
            data.put("textExcerpt", Excerpt.orNone(text));
            return CheckOutcome.failed(false, CheckError.of(problem), data);
        }
        boolean withPeriod = text.endsWith(suffix + ".");
        boolean ends = text.endsWith(suffix) || withPeriod;
        boolean verdict = not != ends;
        ObjectNode data = Json.object();
        data.put("suffix", suffix);
        data.put("not", not);
        data.put("verdict", verdict);
        data.put(
                "explanation",
                verdict
                        ? not
                                ? "The text does not end with \"" + suffix + "\" as expected."
                                : "The text ends with \"" + suffix + "\""
                                        + (withPeriod ? " (including trailing period)" : "") + "."
                        : not
                                ? "The text ends with \"" + suffix + "\" when it should not."
                                : "The text does not end with \"" + suffix + "\".");
        data.put("textExcerpt", Excerpt.of(text));
        return CheckOutcome.of(verdict, data);
    }
}
