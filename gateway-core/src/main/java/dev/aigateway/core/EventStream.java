package dev.aigateway.core;

import dev.aigateway.core.stream.ChunkSink;
import java.io.IOException;

/**
 * The body of a streaming answer: OpenAI-format server-sent events produced as the upstream sends
 * them. Read it once.
 */
public interface EventStream {
    /**
     * Writes every event to {@code sink} as it arrives, ending with {@code data: [DONE]}. If the
     * upstream fails midway, an OpenAI error event is written before {@code [DONE]}. Returns
     * normally in both cases; throws {@link IOException} only when {@code sink} itself fails (the
     * client went away), after cancelling the upstream call.
     */
    void writeTo(ChunkSink sink) throws IOException;

    /** Cancels the upstream call and releases it; safe to call at any time, more than once. */
    void cancel();
}
