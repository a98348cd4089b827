package dev.aigateway.core.provider;

import dev.aigateway.core.stream.ChunkSink;
import dev.aigateway.core.stream.SseEvent;
import java.io.IOException;

/**
 * Turns one provider stream into OpenAI {@code chat.completion.chunk} events. One instance per
 * stream, used by one thread; it holds whatever state the translation needs (ids, tool-call
 * indexes, usage).
 */
public interface StreamTransform {
    /** Handles one upstream event, writing zero or more OpenAI events to {@code out}. */
    void onEvent(SseEvent event, ChunkSink out) throws IOException;

    /**
     * Called when the upstream body ended normally. Writes the closing events, ending with
     * {@code data: [DONE]}. Throws {@link IncompleteStreamException} when the upstream stopped
     * before its own end marker, so the cut is reported instead of passed off as complete.
     */
    void onEnd(ChunkSink out) throws IOException;
}
