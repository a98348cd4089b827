package dev.aigateway.core.hooks.checks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aigateway.core.hooks.Check;
import dev.aigateway.core.hooks.CheckContext;
import dev.aigateway.core.hooks.CheckError;
import dev.aigateway.core.hooks.CheckOutcome;
import dev.aigateway.core.internal.Json;
import java.util.Locale;

/**
 * {@code default.alluppercase} and {@code default.alllowercase}: whether every ASCII letter of the
 * text is upper (lower) case.
 */
final class LetterCase implements Check {
    private final boolean upper;

    private LetterCase(boolean upper) {
        this.upper = upper;
    }

    static LetterCase upper() {
        return new LetterCase(true);
    }

    static LetterCase lower() {
        return new LetterCase(false);
    }

    @Override
    public CheckOutcome run(CheckContext context, ObjectNode parameters) {
        String text = ContentPart.of(context).text();
        boolean not = Params.flag(parameters, "not");
        String word = upper ? "uppercase" : "lowercase";
        String other = upper ? "lowercase" : "uppercase";
        if (text.isEmpty()) {
            ObjectNode data = Json.object();
            data.put("explanation", "An error occurred while checking " + word + ": Missing text to analyze");
            data.put("not", not);
            data.put("textExcerpt", Excerpt.orNone(text));
            return CheckOutcome.failed(false, CheckError.of("Missing text to analyze"), data);
        }
        String letters = text.replaceAll("[^a-zA-Z]", "");
        boolean all = letters.equals(upper ? letters.toUpperCase(Locale.ROOT) : letters.toLowerCase(Locale.ROOT));
        boolean verdict = not != all;
        ObjectNode data = Json.object();
        data.put("verdict", verdict);
        data.put("not", not);
        data.put(
                "explanation",
                verdict
                        ? not
                                ? "The text contains " + other + " characters as expected."
                                : "All alphabetic characters in the text are " + word + "."
                        : not
                                ? "All alphabetic characters in the text are " + word + " when they should not be."
                                : "The text contains " + other + " characters.");
        data.put("textExcerpt", Excerpt.of(text));
        return CheckOutcome.of(verdict, data);
    }
}
