package dev.aigateway.core.hooks.checks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aigateway.core.internal.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds JSON in a model's text as Portkey's JSON checks do: fenced code blocks first, then every
 * {@code {...}} span up to its first closing brace.
 */
final class JsonInText {
    private static final Pattern CODE_BLOCK = Pattern.compile("```+(?:json)?\\s*([\\s\\S]*?)```+");
    private static final Pattern OBJECT = Pattern.compile("\\{[\\s\\S]*?\\}");

    private JsonInText() {}

    /** The candidates: code blocks, then ({@code always}, or when there was no code block) brace spans. */
    static List<String> candidates(String text, boolean always) {
        List<String> found = new ArrayList<>();
        Matcher blocks = CODE_BLOCK.matcher(text);
        while (blocks.find()) {
            found.add(blocks.group(1).strip());
        }
        if (always || found.isEmpty()) {
            Matcher objects = OBJECT.matcher(text);
            while (objects.find()) {
                found.add(objects.group());
            }
        }
        return found;
    }

    /** {@code candidate} parsed, when it is JSON. */
    static Optional<JsonNode> parse(String candidate) {
        try {
            return Optional.of(Json.parse(candidate));
        } catch (Exception e) {
            return Optional.empty();
        }
    }
}
