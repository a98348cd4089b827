package dev.aigateway.core.hooks.checks;

/** Portkey's {@code textExcerpt}: the first 100 characters, and {@code ...} when there were more. */
final class Excerpt {
    private Excerpt() {}

    static String of(String text) {
        return text.length() > 100 ? text.substring(0, 100) + "..." : text;
    }

    /** The excerpt, or {@code No text available} for no text, as the checks' error data says. */
    static String orNone(String text) {
        return text.isEmpty() ? "No text available" : of(text);
    }
}
