package dev.aigateway.core;

import dev.aigateway.core.stream.ChunkSink;
import java.io.IOException;

/**
 * The body of a streaming answer: server-sent events in the endpoint's format, produced as the
 * upstream sends them. Read it once.
 */
public interface EventStream {
    /**
     * Writes every event to {@code sink} as it arrives, then the format's end marker (OpenAI's
     * {@code data: [DONE]}) and {@link ChunkSink#finish}. If the upstream fails midway, an error
     * event comes before the end marker. Returns normally in both cases; throws
     * {@link IOException} only when {@code sink} itself fails (the client went away), after
     * cancelling the upstream call.
     */
    void writeTo(ChunkSink sink) throws IOException;

    /** Cancels the upstream call and releases it; safe to call at any time, more than once. */
    void cancel();
}
