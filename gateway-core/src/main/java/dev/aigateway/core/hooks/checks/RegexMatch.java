package dev.aigateway.core.hooks.checks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aigateway.core.hooks.Check;
import dev.aigateway.core.hooks.CheckContext;
import dev.aigateway.core.hooks.CheckError;
import dev.aigateway.core.hooks.CheckOutcome;
import dev.aigateway.core.internal.Json;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code default.regexMatch}: whether the text matches {@code rule} (or, with {@code not}, does not). */
final class RegexMatch implements Check {
    private static final Pattern GROUP_NAME = Pattern.compile("\\(\\?<([a-zA-Z][a-zA-Z0-9]*)>");

    @Override
    public CheckOutcome run(CheckContext context, ObjectNode parameters) {
        String text = ContentPart.of(context).text();
        boolean not = Params.flag(parameters, "not");
        JsonNode rule = parameters.get("rule");
        try {
            if (!Params.truthy(rule)) {
                throw new IllegalArgumentException("Missing regex pattern");
            }
            if (text.isEmpty()) {
                throw new IllegalArgumentException("Missing text to match");
            }
            String regex = rule.asText();
            Pattern pattern = BoundedRegex.compile(regex, 0);
            Matcher match = BoundedRegex.matcher(pattern, text);
            boolean matches = match.find();
            boolean verdict = not != matches;
            ObjectNode data = Json.object();
            data.put("regexPattern", regex);
            data.put("not", not);
            data.put("verdict", verdict);
            data.put("explanation", explanation(regex, not, verdict));
            if (matches) {
                ObjectNode details = data.putObject("matchDetails");
                details.put("matchedText", match.group());
                details.put("index", match.start());
                ObjectNode groups = details.putObject("groups");
                Matcher names = GROUP_NAME.matcher(regex);
                while (names.find()) {
                    groups.put(names.group(1), match.group(names.group(1)));
                }
                ArrayNode captures = details.putArray("captures");
                for (int i = 1; i <= match.groupCount(); i++) {
                    captures.add(match.group(i));
                }
            } else {
                data.putNull("matchDetails");
            }
            data.put("textExcerpt", Excerpt.of(text));
            return CheckOutcome.of(verdict, data);
        } catch (RuntimeException e) {
            ObjectNode data = Json.object();
            data.put("explanation", "An error occurred while processing the regex: " + e.getMessage());
            data.set("regexPattern", rule);
            data.put("not", not);
            data.put("textExcerpt", Excerpt.orNone(text));
            return CheckOutcome.failed(false, CheckError.of(e.getMessage()), data);
        }
    }

    private static String explanation(String regex, boolean not, boolean verdict) {
        if (verdict) {
            return not
                    ? "The regex pattern '" + regex + "' did not match the text as expected."
                    : "The regex pattern '" + regex + "' successfully matched the text.";
        }
        return not
                ? "The regex pattern '" + regex + "' matched the text when it should not have."
                : "The regex pattern '" + regex + "' did not match the text.";
    }
}
