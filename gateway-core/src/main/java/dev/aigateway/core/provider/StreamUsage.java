package dev.aigateway.core.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aigateway.core.internal.Json;

/**
 * Where a translated or normalised stream reports token usage.
 *
 * <p>OpenAI sends usage only when asked ({@code stream_options.include_usage}), and then in one
 * last chunk whose {@code choices} is empty. openai-java's {@code ChatCompletionAccumulator} relies
 * on that: it takes any chunk with usage for that last chunk, ignores its choices and builds the
 * completion from what it has so far. Usage on a chunk that also carries choices (Portkey puts it on
 * the finish chunk, Gemini's translation on every chunk) therefore makes the SDK fail ({@code `id`
 * is required}, {@code `choices` is required}) or drop that chunk's text, whether or not the caller
 * asked for usage.
 */
public enum StreamUsage {
    /** {@code include_usage} was asked for: one last chunk with empty {@code choices}, as OpenAI. */
    OWN_CHUNK,
    /**
     * Not asked for, strict compliance off: on the chunks Portkey puts it, for clients that want
     * Portkey's extras (its SDKs read usage from any chunk).
     */
    ON_CHUNKS,
    /** Not asked for (the default): no usage, as OpenAI. */
    NONE;

    public static StreamUsage of(ProviderRequest request) {
        if (request.params().path("stream_options").path("include_usage").asBoolean(false)) {
            return OWN_CHUNK;
        }
        return request.strictOpenAiCompliance() ? NONE : ON_CHUNKS;
    }

    /**
     * OpenAI's usage-only chunk: the identifying fields of {@code like} (id, object, created,
     * model, system_fingerprint, service_tier, provider), empty {@code choices}, then {@code usage}.
     */
    public static ObjectNode usageChunk(ObjectNode like, JsonNode usage) {
        ObjectNode chunk = Json.object();
        for (String field :
                new String[] {"id", "object", "created", "model", "system_fingerprint", "service_tier", "provider"}) {
            if (like.has(field)) {
                chunk.set(field, like.get(field));
            }
        }
        chunk.putArray("choices");
        chunk.set("usage", usage);
        return chunk;
    }
}
