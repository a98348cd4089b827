package dev.aigateway.core.provider;

import dev.aigateway.core.stream.ChunkSink;
import dev.aigateway.core.stream.SseEvent;
import java.io.IOException;

/**
 * The stream transform of an endpoint without streams (embeddings), whose transform refuses
 * {@code "stream": true} before anything is sent: should an upstream stream all the same, the
 * stream is reported as cut rather than relayed. Stateless.
 */
public final class NoStream implements StreamTransform {
    public static final NoStream INSTANCE = new NoStream();

    private NoStream() {}

    @Override
    public void onEvent(SseEvent event, ChunkSink out) throws IOException {
        throw new IncompleteStreamException("this endpoint has no streams");
    }

    @Override
    public void onEnd(ChunkSink out) throws IOException {
        throw new IncompleteStreamException("this endpoint has no streams");
    }
}
