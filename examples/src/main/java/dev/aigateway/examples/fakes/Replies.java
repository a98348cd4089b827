package dev.aigateway.examples.fakes;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What the fake models say. The walkthrough's question gets an answer that names the model, so the
 * output shows at a glance who answered; any other prompt is echoed back, which lets tests check
 * that the prompt arrived.
 */
final class Replies {
    /** The walkthrough's question. */
    static final String IDENTITY_QUESTION = "Are you an OpenAI model?";

    private Replies() {}

    static String gemini(String prompt) {
        return asksIdentity(prompt)
                ? "No, I am not an OpenAI model. I am Gemini, a large language model trained by Google."
                : "Gemini (offline fake) received: " + prompt;
    }

    static String gpt4o(String prompt) {
        return asksIdentity(prompt)
                ? "Yes, I am an OpenAI model: GPT-4o, trained by OpenAI."
                : "GPT-4o (offline fake) received: " + prompt;
    }

    private static boolean asksIdentity(String prompt) {
        return prompt.toLowerCase(Locale.ROOT).contains("openai model");
    }

    /** {@code text} cut at spaces into about three pieces that join back to it, for streams. */
    static List<String> pieces(String text) {
        List<String> pieces = new ArrayList<>();
        int size = Math.max(1, text.length() / 3);
        int start = 0;
        while (start < text.length()) {
            int end = text.indexOf(' ', Math.min(start + size, text.length()));
            end = end < 0 ? text.length() : end + 1;
            pieces.add(text.substring(start, end));
            start = end;
        }
        return pieces;
    }

    /** A rough token count: one per word. */
    static int tokens(String text) {
        String trimmed = text.strip();
        return trimmed.isEmpty() ? 0 : trimmed.split("\\s+").length;
    }
}
