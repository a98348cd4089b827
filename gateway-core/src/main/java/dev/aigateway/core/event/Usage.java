package dev.aigateway.core.event;

import java.util.OptionalLong;

/**
 * Token counts of one answer, as far as the provider reported them. Counts the provider did not
 * report are empty, never zero.
 *
 * @param inputTokens prompt tokens ({@code prompt_tokens}, {@code input_tokens})
 * @param outputTokens generated tokens ({@code completion_tokens}, {@code output_tokens})
 */
public record Usage(OptionalLong inputTokens, OptionalLong outputTokens) {
    /** Nothing was reported. */
    public static final Usage UNKNOWN = new Usage(OptionalLong.empty(), OptionalLong.empty());

    public static Usage of(long inputTokens, long outputTokens) {
        return new Usage(OptionalLong.of(inputTokens), OptionalLong.of(outputTokens));
    }

    public boolean isKnown() {
        return inputTokens.isPresent() || outputTokens.isPresent();
    }

    /** Input plus output, when both are known. */
    public OptionalLong totalTokens() {
        return inputTokens.isPresent() && outputTokens.isPresent()
                ? OptionalLong.of(inputTokens.getAsLong() + outputTokens.getAsLong())
                : OptionalLong.empty();
    }

    /** This usage with the counts {@code later} reports replacing those it had. */
    public Usage updatedBy(Usage later) {
        return new Usage(
                later.inputTokens.isPresent() ? later.inputTokens : inputTokens,
                later.outputTokens.isPresent() ? later.outputTokens : outputTokens);
    }
}
