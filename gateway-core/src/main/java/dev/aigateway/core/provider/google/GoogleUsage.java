package dev.aigateway.core.provider.google;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aigateway.core.internal.Json;
import dev.aigateway.core.provider.google.GenerateContentResponse.UsageMetadata;

/**
 * Gemini's {@code usageMetadata} as OpenAI {@code usage}.
 *
 * <p>{@code completion_tokens} counts the answer and the thoughts ({@code candidatesTokenCount +
 * thoughtsTokenCount}): OpenAI's {@code completion_tokens} includes reasoning tokens, Gemini bills
 * thoughts as output, and so {@code prompt + completion = total} holds as OpenAI clients expect.
 * Portkey reports only {@code candidatesTokenCount}. The details objects are written only when
 * Gemini sent the count behind them.
 */
final class GoogleUsage {
    private GoogleUsage() {}

    static ObjectNode toOpenAi(UsageMetadata usage) {
        int prompt = orZero(usage.promptTokenCount());
        int completion = orZero(usage.candidatesTokenCount()) + orZero(usage.thoughtsTokenCount());
        ObjectNode out = Json.object();
        out.put("prompt_tokens", prompt);
        out.put("completion_tokens", completion);
        out.put("total_tokens", usage.totalTokenCount() == null ? prompt + completion : usage.totalTokenCount());
        if (usage.thoughtsTokenCount() != null) {
            out.putObject("completion_tokens_details").put("reasoning_tokens", usage.thoughtsTokenCount());
        }
        if (usage.cachedContentTokenCount() != null) {
            out.putObject("prompt_tokens_details").put("cached_tokens", usage.cachedContentTokenCount());
        }
        return out;
    }

    private static int orZero(Integer count) {
        return count == null ? 0 : count;
    }
}
