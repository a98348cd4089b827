package dev.aigateway.core.event;

import java.util.OptionalLong;

/**
 * Token counts of one answer, as far as the provider reported them. Counts the provider did not
 * report are empty, never zero. Input counts every input token, cached ones included (as the
 * OpenTelemetry GenAI conventions count {@code gen_ai.usage.input_tokens}); output counts every
 * generated token, reasoning included. The details say which parts of those were cache reads,
 * cache writes and reasoning, which providers price differently.
 *
 * @param inputTokens prompt tokens ({@code prompt_tokens}, {@code input_tokens}), cached included
 * @param outputTokens generated tokens ({@code completion_tokens}, {@code output_tokens})
 * @param cacheReadTokens input tokens read from the provider's prompt cache
 * @param cacheWriteTokens input tokens written to the provider's prompt cache
 * @param reasoningTokens output tokens spent on reasoning
 */
public record Usage(
        OptionalLong inputTokens,
        OptionalLong outputTokens,
        OptionalLong cacheReadTokens,
        OptionalLong cacheWriteTokens,
        OptionalLong reasoningTokens) {
    /** Nothing was reported. */
    public static final Usage UNKNOWN = new Usage(OptionalLong.empty(), OptionalLong.empty());

    /** Input and output counts without details. */
    public Usage(OptionalLong inputTokens, OptionalLong outputTokens) {
        this(inputTokens, outputTokens, OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty());
    }

    public static Usage of(long inputTokens, long outputTokens) {
        return new Usage(OptionalLong.of(inputTokens), OptionalLong.of(outputTokens));
    }

    /** This usage with its details: cache reads, cache writes, reasoning (empty where not reported). */
    public Usage withDetails(OptionalLong cacheRead, OptionalLong cacheWrite, OptionalLong reasoning) {
        return new Usage(inputTokens, outputTokens, cacheRead, cacheWrite, reasoning);
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
                or(later.inputTokens, inputTokens),
                or(later.outputTokens, outputTokens),
                or(later.cacheReadTokens, cacheReadTokens),
                or(later.cacheWriteTokens, cacheWriteTokens),
                or(later.reasoningTokens, reasoningTokens));
    }

    private static OptionalLong or(OptionalLong preferred, OptionalLong otherwise) {
        return preferred.isPresent() ? preferred : otherwise;
    }
}
