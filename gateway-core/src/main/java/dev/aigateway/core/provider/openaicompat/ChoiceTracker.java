package dev.aigateway.core.provider.openaicompat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.BitSet;

/**
 * Which choices of an OpenAI-format stream have appeared and which have finished (carried a
 * {@code finish_reason}). A stream whose every choice finished holds a complete answer even when
 * its {@code [DONE]} never came. One per stream.
 */
final class ChoiceTracker {
    /** Choice indexes past this are not tracked (no real request asks for that many). */
    private static final int MAX_TRACKED = 1024;

    private final int expected;
    private final BitSet seen = new BitSet();
    private final BitSet finished = new BitSet();

    /** @param expected how many choices the request asked for ({@code n}, 1 by default) */
    ChoiceTracker(int expected) {
        this.expected = Math.max(1, Math.min(expected, MAX_TRACKED));
    }

    static ChoiceTracker forRequest(JsonNode params) {
        JsonNode n = params.path("n");
        return new ChoiceTracker(n.isIntegralNumber() ? n.asInt() : 1);
    }

    void saw(int index, boolean finishes) {
        if (index < 0 || index >= MAX_TRACKED) {
            return;
        }
        seen.set(index);
        if (finishes) {
            finished.set(index);
        }
    }

    /** Tracks the choices of a parsed chunk. */
    void saw(JsonNode chunk) {
        JsonNode choices = chunk.path("choices");
        for (int i = 0; i < choices.size(); i++) {
            JsonNode choice = choices.get(i);
            JsonNode index = choice.path("index");
            JsonNode reason = choice.path("finish_reason");
            saw(
                    index.isIntegralNumber() ? index.asInt() : i,
                    reason.isTextual() && !reason.asText().isEmpty());
        }
    }

    /** Whether every choice asked for appeared and finished. */
    boolean allFinished() {
        return seen.cardinality() >= expected && finished.equals(seen);
    }
}
