package dev.aigateway.core.provider.translate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aigateway.core.stream.ChunkSink;
import java.io.IOException;

/**
 * Writes one API's stream events from what a chat completion stream says, piece by piece, as
 * {@link ChatChunkReader} reads the chunks. One instance per stream, used by one thread.
 */
interface ChatStreamWriter {
    /** The first chunk's id and model, before anything else. */
    void start(String id, String model, ChunkSink out) throws IOException;

    void text(String delta, ChunkSink out) throws IOException;

    /**
     * A piece of tool call {@code index}: its first piece has the call's id and name (empty strings
     * on the later ones), every piece a fragment of the arguments (maybe empty).
     */
    void toolCall(int index, String id, String name, String arguments, ChunkSink out) throws IOException;

    void finishReason(String reason);

    /** The chat usage, when the stream reports it. */
    void usage(JsonNode usage);

    /** The stream completed: writes the closing events. */
    void end(ChunkSink out) throws IOException;

    /** The upstream failed: writes this API's error event with {@link ChunkSink#error}, once. */
    void fail(String message, ChunkSink out) throws IOException;

    /** Whether {@link #fail} was called. */
    boolean failed();
}
