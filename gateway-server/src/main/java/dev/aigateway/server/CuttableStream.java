package dev.aigateway.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aigateway.core.stream.ChunkSink;
import dev.aigateway.core.stream.ForwardingChunkSink;
import dev.aigateway.core.stream.SseEvent;
import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A stream to a caller that a draining server can end: {@link #cut()} writes an error event and
 * the format's end marker, then cancels the upstream call. From then on what the stream still
 * writes (the pump's own error event, once its upstream is gone) is dropped, so the caller sees
 * one well-formed end. The stream's thread and the draining thread write under one lock.
 */
final class CuttableStream extends ForwardingChunkSink {
    /** How long a cut waits for a write in progress (a slow client) before only cancelling. */
    private static final long WRITE_WAIT_MILLIS = 1000;

    private final ReentrantLock lock = new ReentrantLock();
    private final Runnable cancelUpstream;
    private final SseEvent error;
    private final Optional<SseEvent> endMarker;
    private boolean ended;
    private boolean cut;

    CuttableStream(ChunkSink next, Runnable cancelUpstream, SseEvent error, Optional<SseEvent> endMarker) {
        super(next);
        this.cancelUpstream = cancelUpstream;
        this.error = error;
        this.endMarker = endMarker;
    }

    @Override
    public void event(String name, String data) throws IOException {
        lock.lock();
        try {
            if (!ended) {
                next.event(name, data);
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void error(String name, JsonNode body) throws IOException {
        lock.lock();
        try {
            if (!ended) {
                next.error(name, body);
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void endMarker(SseEvent marker) throws IOException {
        lock.lock();
        try {
            if (!ended) {
                ended = true;
                next.endMarker(marker);
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void finish(boolean complete) throws IOException {
        lock.lock();
        try {
            next.finish(complete && !cut);
        } finally {
            lock.unlock();
        }
    }

    /** Ends the stream now with the error event and the end marker, and cancels its upstream call. */
    void cut() {
        try {
            if (lock.tryLock(WRITE_WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
                try {
                    if (!ended) {
                        ended = true;
                        cut = true;
                        next.error(error.event(), error.json());
                        if (endMarker.isPresent()) {
                            next.endMarker(endMarker.get());
                        }
                    }
                } catch (IOException e) {
                    // the caller is gone already; cancelling below is all that is left
                } finally {
                    lock.unlock();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        cancelUpstream.run();
    }
}
