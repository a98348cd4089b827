package dev.aigateway.core.internal.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aigateway.core.stream.ChunkSink;
import dev.aigateway.core.stream.SseEvent;
import java.io.IOException;

/**
 * The caller's side of a pumped stream: marks the caller's write failures (so they are not taken
 * for upstream failures), tells the observer what is written, and remembers whether an error event
 * went out.
 */
final class CallerSink implements ChunkSink {
    private final ChunkSink delegate;
    private final UpstreamEventStream.StreamObserver observer;
    boolean errorWritten;

    CallerSink(ChunkSink delegate, UpstreamEventStream.StreamObserver observer) {
        this.delegate = delegate;
        this.observer = observer;
    }

    @Override
    public void event(String name, String data) throws IOException {
        observer.written(name, data);
        try {
            delegate.event(name, data);
        } catch (IOException e) {
            throw new CallerGoneException(e);
        }
    }

    @Override
    public void error(String name, JsonNode body) throws IOException {
        errorWritten = true;
        try {
            delegate.error(name, body);
        } catch (IOException e) {
            throw new CallerGoneException(e);
        }
    }

    @Override
    public void endMarker(SseEvent marker) throws IOException {
        try {
            delegate.endMarker(marker);
        } catch (IOException e) {
            throw new CallerGoneException(e);
        }
    }

    @Override
    public void finish(boolean complete) throws IOException {
        observer.ended(complete);
        try {
            delegate.finish(complete);
        } catch (IOException e) {
            throw new CallerGoneException(e);
        }
    }

    /** A caller-side write failure, kept apart from upstream read failures. */
    static final class CallerGoneException extends IOException {
        CallerGoneException(IOException cause) {
            super(cause);
        }

        @Override
        public synchronized IOException getCause() {
            return (IOException) super.getCause();
        }
    }
}
