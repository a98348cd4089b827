package dev.aigateway.core.hooks.checks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aigateway.core.hooks.Check;
import dev.aigateway.core.hooks.CheckContext;
import dev.aigateway.core.hooks.CheckOutcome;

/**
 * {@code default.characterCount}: whether the text has {@code minCharacters} to
 * {@code maxCharacters} characters (0 and 9999999 by default), counted in UTF-16 units as
 * JavaScript's {@code length}.
 */
final class CharacterCount implements Check {
    private static final CountInRange RANGE = new CountInRange(
            "characters",
            "characterCount",
            "minCharacters",
            "maxCharacters",
            9999999,
            "Invalid or missing character count range",
            "An error occurred while counting characters: ");

    @Override
    public CheckOutcome run(CheckContext context, ObjectNode parameters) {
        return RANGE.judge(ContentPart.of(context).text(), String::length, parameters);
    }
}
