package dev.aigateway.core.provider.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aigateway.core.internal.Json;

/**
 * Anthropic's token counts, and their OpenAI {@code usage} form as Portkey writes it:
 * {@code prompt_tokens} is {@code input_tokens} (which excludes cached tokens), {@code total_tokens}
 * adds input, output, cache reads and cache writes, {@code prompt_tokens_details.cached_tokens} is
 * the cache reads, and the raw cache fields are added when either is non-zero.
 */
record AnthropicUsage(long input, long output, long cacheRead, long cacheCreation) {
    static final AnthropicUsage NONE = new AnthropicUsage(0, 0, 0, 0);

    /** The counts of a Messages {@code usage} object; absent or null counts are 0. */
    static AnthropicUsage from(JsonNode usage) {
        return NONE.updatedBy(usage);
    }

    /**
     * These counts with every count that {@code usage} states replacing this one: a stream's
     * {@code message_delta} carries cumulative counts, sometimes only {@code output_tokens}.
     */
    AnthropicUsage updatedBy(JsonNode usage) {
        return new AnthropicUsage(
                count(usage, "input_tokens", input),
                count(usage, "output_tokens", output),
                count(usage, "cache_read_input_tokens", cacheRead),
                count(usage, "cache_creation_input_tokens", cacheCreation));
    }

    ObjectNode toOpenAi() {
        ObjectNode usage = Json.object();
        usage.put("prompt_tokens", input);
        usage.put("completion_tokens", output);
        usage.put("total_tokens", input + output + cacheRead + cacheCreation);
        usage.putObject("prompt_tokens_details").put("cached_tokens", cacheRead);
        if (cacheRead != 0 || cacheCreation != 0) {
            usage.put("cache_read_input_tokens", cacheRead);
            usage.put("cache_creation_input_tokens", cacheCreation);
        }
        return usage;
    }

    private static long count(JsonNode usage, String field, long otherwise) {
        JsonNode value = usage == null ? null : usage.get(field);
        return value != null && value.isNumber() ? value.asLong() : otherwise;
    }
}
