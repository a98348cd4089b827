package dev.aigateway.core.provider.openaicompat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aigateway.core.provider.StreamUsage;
import dev.aigateway.core.stream.ChunkSink;
import java.io.IOException;

/**
 * Moves the usage of a relayed OpenAI-compatible stream to where {@link StreamUsage} says. The
 * upstreams put it in different places: Groq under {@code x_groq.usage} on the finish chunk (lifted
 * to {@code usage} by its adjuster) and, when asked, again in a chunk of its own; Mistral on the
 * finish chunk, asked or not; xAI on every chunk; OpenAI-shaped servers (vLLM,
 * Ollama, DeepSeek) in a last chunk with empty choices. A chunk's {@code usage: null} is left alone.
 * One instance per stream.
 */
final class RelayedUsage {
    private final StreamUsage placement;
    /** With {@link StreamUsage#OWN_CHUNK}: the usage-only chunk to send before [DONE]. */
    private ObjectNode last;

    RelayedUsage(StreamUsage placement) {
        this.placement = placement;
    }

    /**
     * Takes the usage off {@code chunk} unless it stays there, remembering the latest for the
     * closing usage chunk. Returns whether {@code chunk} is still to be written now: an upstream
     * usage-only chunk is held back (only the latest is sent, once) or dropped when not asked for.
     */
    boolean keep(ObjectNode chunk) {
        if (placement == StreamUsage.ON_CHUNKS || !chunk.hasNonNull("usage")) {
            return true;
        }
        JsonNode choices = chunk.get("choices");
        boolean usageOnly = choices == null || choices.isEmpty();
        JsonNode usage = chunk.remove("usage");
        if (placement == StreamUsage.OWN_CHUNK) {
            if (usageOnly) {
                // The upstream's own usage chunk is kept whole (Groq's carries x_groq too).
                chunk.set("usage", usage);
                last = chunk;
            } else {
                last = StreamUsage.usageChunk(chunk, usage);
            }
        }
        return !usageOnly;
    }

    /** Writes the usage chunk, if there is one to write; called just before {@code [DONE]}. */
    void beforeDone(ChunkSink out) throws IOException {
        if (last != null) {
            out.data(last);
        }
    }
}
