package dev.aigateway.core.provider.cohere;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aigateway.core.internal.Json;

/**
 * Cohere's token counts. {@code tokens} holds what the model read and wrote, {@code billed_units}
 * what is billed (which leaves out the prompt Cohere adds around tools and documents); the first
 * is OpenAI's meaning, the second stands in when it is missing, as in Portkey.
 * {@code cached_tokens} (prompt tokens served from Cohere's cache) becomes
 * {@code prompt_tokens_details.cached_tokens}.
 */
record CohereUsage(long input, long output, long cached) {
    /** From a chat {@code usage} object or an embed {@code meta} object (same fields). */
    static CohereUsage from(JsonNode usage) {
        return new CohereUsage(
                count(usage, "input_tokens"),
                count(usage, "output_tokens"),
                usage.path("cached_tokens").asLong(0));
    }

    private static long count(JsonNode usage, String field) {
        JsonNode tokens = usage.path("tokens").path(field);
        return tokens.isNumber()
                ? tokens.asLong()
                : usage.path("billed_units").path(field).asLong(0);
    }

    ObjectNode toOpenAi() {
        ObjectNode usage = Json.object();
        usage.put("prompt_tokens", input);
        usage.put("completion_tokens", output);
        usage.put("total_tokens", input + output);
        if (cached > 0) {
            usage.putObject("prompt_tokens_details").put("cached_tokens", cached);
        }
        return usage;
    }
}
