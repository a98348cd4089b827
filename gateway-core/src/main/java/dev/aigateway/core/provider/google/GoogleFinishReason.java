package dev.aigateway.core.provider.google;

import java.util.Map;

/**
 * Gemini's {@code finishReason} as an OpenAI {@code finish_reason} (Portkey's
 * {@code transformFinishReason} with its Gemini table).
 *
 * <p>One deliberate difference: with strict OpenAI compliance, a candidate that called functions
 * and stopped normally finishes with {@code tool_calls}. Portkey answers {@code stop}, but OpenAI
 * clients (agents, the SDKs' tool runners) look for {@code tool_calls} to run the tools.
 */
final class GoogleFinishReason {
    private static final String STOP = "stop";

    private static final Map<String, String> STRICT = Map.ofEntries(
            Map.entry("STOP", STOP),
            Map.entry("RECITATION", STOP),
            Map.entry("OTHER", STOP),
            Map.entry("FINISH_REASON_UNSPECIFIED", STOP),
            Map.entry("MALFORMED_FUNCTION_CALL", STOP),
            Map.entry("MAX_TOKENS", "length"),
            Map.entry("SAFETY", "content_filter"),
            Map.entry("PROHIBITED_CONTENT", "content_filter"),
            Map.entry("BLOCKLIST", "content_filter"),
            Map.entry("SPII", "content_filter"),
            Map.entry("LANGUAGE", "content_filter"),
            Map.entry("IMAGE_SAFETY", "content_filter"),
            Map.entry("IMAGE_PROHIBITED_CONTENT", "content_filter"));

    private GoogleFinishReason() {}

    /**
     * @param reason Gemini's value, or {@code null} when absent (then {@code stop}, as Portkey does)
     * @param calledFunctions whether the candidate produced function calls
     * @param strict whether to map to OpenAI's values; otherwise Gemini's value is returned as is
     */
    static String toOpenAi(String reason, boolean calledFunctions, boolean strict) {
        if (reason == null) {
            return strict && calledFunctions ? "tool_calls" : STOP;
        }
        if (!strict) {
            return reason;
        }
        String mapped = STRICT.getOrDefault(reason, STOP);
        return calledFunctions && mapped.equals(STOP) ? "tool_calls" : mapped;
    }

    /** The finish reason of a response whose prompt was blocked ({@code promptFeedback.blockReason}). */
    static String forBlockedPrompt(String blockReason, boolean strict) {
        return strict ? "content_filter" : blockReason;
    }
}
