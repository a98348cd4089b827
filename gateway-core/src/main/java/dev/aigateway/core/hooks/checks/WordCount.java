package dev.aigateway.core.hooks.checks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aigateway.core.hooks.Check;
import dev.aigateway.core.hooks.CheckContext;
import dev.aigateway.core.hooks.CheckOutcome;
import java.util.regex.Pattern;

/** {@code default.wordCount}: whether the text has {@code minWords} to {@code maxWords} words (0 and 99999 by default). */
final class WordCount implements Check {
    private static final Pattern WHITESPACE = Pattern.compile("\\s+", Pattern.UNICODE_CHARACTER_CLASS);
    private static final CountInRange RANGE = new CountInRange(
            "words",
            "wordCount",
            "minWords",
            "maxWords",
            99999,
            "Invalid or missing word count range",
            "An error occurred while processing word count: ");

    @Override
    public CheckOutcome run(CheckContext context, ObjectNode parameters) {
        return RANGE.judge(
                ContentPart.of(context).text().strip(), text -> WHITESPACE.split(text, -1).length, parameters);
    }
}
