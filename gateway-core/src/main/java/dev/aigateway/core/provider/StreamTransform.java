package dev.aigateway.core.provider;

import dev.aigateway.core.stream.ChunkSink;
import dev.aigateway.core.stream.SseEvent;
import java.io.IOException;

/**
 * Turns one provider stream into events of the endpoint's format (OpenAI
 * {@code chat.completion.chunk}s for chat). One instance per stream, used by one thread; it holds
 * whatever state the translation needs (ids, tool-call indexes, usage). The gateway writes the
 * format's end marker (OpenAI's {@code data: [DONE]}) itself once {@link #onEnd} returns.
 */
public interface StreamTransform {
    /**
     * Handles one upstream event, writing zero or more events to {@code out}. An error the upstream
     * reports inside the stream is written with {@link ChunkSink#error}, then reported by throwing
     * {@link IncompleteStreamException}.
     */
    void onEvent(SseEvent event, ChunkSink out) throws IOException;

    /**
     * Called when the upstream body ended normally; writes any closing events (a last usage chunk).
     * Throws {@link IncompleteStreamException} when the upstream stopped before its own end marker,
     * so the cut is reported instead of passed off as complete.
     */
    void onEnd(ChunkSink out) throws IOException;
}
