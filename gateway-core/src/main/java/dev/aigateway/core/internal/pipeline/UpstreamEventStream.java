package dev.aigateway.core.internal.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aigateway.core.EventStream;
import dev.aigateway.core.event.AttemptInfo;
import dev.aigateway.core.format.EndpointFormat;
import dev.aigateway.core.pipeline.LeafRequest;
import dev.aigateway.core.provider.EndpointTransform;
import dev.aigateway.core.provider.IncompleteStreamException;
import dev.aigateway.core.provider.ProviderRequest;
import dev.aigateway.core.provider.StreamTransform;
import dev.aigateway.core.stream.ChunkSink;
import dev.aigateway.core.stream.EventReader;
import dev.aigateway.core.stream.SseEvent;
import dev.aigateway.core.upstream.UpstreamResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;

/**
 * Pumps one upstream stream through its transform to the caller, event by event, then closes it
 * as the endpoint's format says: the end marker after a complete answer; an error event and the
 * end marker when the upstream fails midway, rather than a silent truncation. When the caller
 * fails the upstream call is cancelled.
 */
public final class UpstreamEventStream implements EventStream {
    private final UpstreamResponse upstream;
    private final EndpointTransform transform;
    private final ProviderRequest request;
    private final LeafRequest leaf;
    /** {@code null} when nobody listens. */
    private final AttemptInfo attempt;

    UpstreamEventStream(
            UpstreamResponse upstream,
            EndpointTransform transform,
            ProviderRequest request,
            LeafRequest leaf,
            AttemptInfo attempt) {
        this.upstream = upstream;
        this.transform = transform;
        this.request = request;
        this.leaf = leaf;
        this.attempt = attempt;
    }

    @Override
    public void writeTo(ChunkSink sink) throws IOException {
        try {
            pump(upstream.stream(), upstream.contentType(), transform, request, sink, observer());
        } catch (IOException e) {
            upstream.cancel(); // the caller is gone: stop paying for tokens nobody reads
            throw e;
        } finally {
            upstream.close();
        }
    }

    /**
     * Pumps {@code body} through a fresh stream of {@code transform} into {@code sink}, and ends
     * the stream. Shared with the golden tests, which feed recorded upstream bodies through it.
     * Throws only when {@code sink} fails (the caller is gone).
     */
    public static void pump(
            InputStream body,
            String contentType,
            EndpointTransform transform,
            ProviderRequest request,
            ChunkSink sink,
            StreamObserver observer)
            throws IOException {
        CallerSink caller = new CallerSink(sink, observer);
        StreamTransform state = transform.stream(request);
        Exception failure = null;
        try (EventReader reader = transform.streamReader(body, contentType)) {
            for (SseEvent event = reader.next(); event != null; event = reader.next()) {
                state.onEvent(event, caller);
            }
            state.onEnd(caller);
        } catch (CallerGoneException e) {
            observer.ended(false);
            throw e.getCause();
        } catch (IOException | RuntimeException e) {
            failure = e;
        }
        try {
            end(caller, request, failure);
        } catch (CallerGoneException e) {
            observer.ended(false);
            throw e.getCause();
        }
    }

    /** Closes the stream: an error event first when it failed and none was written yet. */
    private static void end(CallerSink caller, ProviderRequest request, Exception failure) throws IOException {
        EndpointFormat format = request.endpoint().format();
        if (failure != null && !caller.errorWritten) {
            SseEvent error = format.streamError(interruption(request.providerId(), failure), request.providerId());
            caller.error(error.event(), error.json());
        }
        if (format.endMarker().isPresent()) {
            caller.endMarker(format.endMarker().get());
        }
        caller.finish(failure == null && !caller.errorWritten);
    }

    private StreamObserver observer() {
        return attempt == null ? StreamObserver.NONE : new ListeningObserver(leaf, attempt);
    }

    private static String interruption(String provider, Exception e) {
        if (e instanceof IncompleteStreamException) {
            return "The " + provider + " stream ended early: " + e.getMessage();
        }
        if (e instanceof SocketTimeoutException) {
            return "The " + provider + " stream stalled: no data arrived within the read timeout";
        }
        return "The " + provider + " stream was interrupted before the answer was complete";
    }

    @Override
    public void cancel() {
        upstream.cancel();
        upstream.close();
    }

    /** A caller-side write failure, kept apart from upstream read failures. */
    private static final class CallerGoneException extends IOException {
        CallerGoneException(IOException cause) {
            super(cause);
        }

        @Override
        public synchronized IOException getCause() {
            return (IOException) super.getCause();
        }
    }

    /** Hears the events the caller is sent, for the listener. */
    public interface StreamObserver {
        StreamObserver NONE = new StreamObserver() {};

        default void written(String name, String data) {}

        default void ended(boolean complete) {}
    }

    /** Tells the listener of the first event and of the end, with the usage the events reported. */
    private static final class ListeningObserver implements StreamObserver {
        private final LeafRequest leaf;
        private final AttemptInfo attempt;
        private final EndpointFormat.StreamUsageReader usage;
        private boolean first = true;
        private boolean ended;

        ListeningObserver(LeafRequest leaf, AttemptInfo attempt) {
            this.leaf = leaf;
            this.attempt = attempt;
            this.usage = leaf.providerRequest().endpoint().format().streamUsage();
        }

        @Override
        public void written(String name, String data) {
            if (first) {
                first = false;
                leaf.listener().firstEvent(leaf.call(), attempt);
            }
            usage.accept(new SseEvent(name, data));
        }

        @Override
        public void ended(boolean complete) {
            if (!ended) {
                ended = true;
                leaf.listener().streamEnd(leaf.call(), attempt, complete, usage.usage());
            }
        }
    }

    /** Marks the caller's write failures, and remembers whether an error event was written. */
    private static final class CallerSink implements ChunkSink {
        private final ChunkSink delegate;
        private final StreamObserver observer;
        boolean errorWritten;

        CallerSink(ChunkSink delegate, StreamObserver observer) {
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
    }
}
