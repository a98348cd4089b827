package dev.aigateway.server.observability;

import dev.aigateway.core.event.Usage;
import java.util.OptionalDouble;

/**
 * What one model costs, in US dollars per million tokens. A cache read, cache write or reasoning
 * price left out is billed as the plain input or output price.
 */
record Price(
        double input, double output, OptionalDouble cacheRead, OptionalDouble cacheWrite, OptionalDouble reasoning) {
    private static final double PER_TOKEN = 1e-6;

    /**
     * The cost of {@code usage}: uncached input, cache reads and writes at their prices, output
     * beside reasoning at theirs. Unknown without an input count; a missing output count (an
     * embedding) is no output.
     */
    OptionalDouble cost(Usage usage) {
        if (usage.inputTokens().isEmpty()) {
            return OptionalDouble.empty();
        }
        long in = usage.inputTokens().getAsLong();
        long read = usage.cacheReadTokens().orElse(0);
        long write = usage.cacheWriteTokens().orElse(0);
        long out = usage.outputTokens().orElse(0);
        long thinking = Math.min(usage.reasoningTokens().orElse(0), out);
        double dollars = Math.max(0, in - read - write) * input
                + read * cacheRead.orElse(input)
                + write * cacheWrite.orElse(input)
                + (out - thinking) * output
                + thinking * reasoning.orElse(output);
        return OptionalDouble.of(dollars * PER_TOKEN);
    }
}
