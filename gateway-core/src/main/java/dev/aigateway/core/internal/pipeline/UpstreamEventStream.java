package dev.aigateway.core.internal.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aigateway.core.EventStream;
import dev.aigateway.core.event.AttemptInfo;
import dev.aigateway.core.format.EndpointFormat;
import dev.aigateway.core.http.Headers;
import dev.aigateway.core.pipeline.LeafRequest;
import dev.aigateway.core.provider.EndpointTransform;
import dev.aigateway.core.provider.IncompleteStreamException;
import dev.aigateway.core.provider.ProviderRequest;
import dev.aigateway.core.provider.StreamTransform;
import dev.aigateway.core.stream.ChunkSink;
import dev.aigateway.core.stream.EventReader;
import dev.aigateway.core.stream.SseEvent;
import dev.aigateway.core.upstream.StreamIdleException;
import dev.aigateway.core.upstream.UpstreamResponse;
import dev.aigateway.core.upstream.UpstreamTimeoutException;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.util.Optional;

/**
 * Pumps one upstream stream through its transform to the caller, event by event, then closes it
 * as the endpoint's format says: the end marker after a complete answer; an error event and the
 * end marker when the upstream fails midway, rather than a silent truncation. When the caller
 * fails the upstream call is cancelled.
 *
 * <p>{@link #begin} reads ahead, on the request's thread, until the transform has written the first
 * event the caller would get: a stream that fails before that (a timeout, a cut, a malformed or an
 * error event) is answered as a failed request, so that retry and fallback still apply. Only the
 * output of that one upstream event is held.
 */
public final class UpstreamEventStream implements EventStream {
    private final UpstreamResponse upstream;
    private final EventReader reader;
    private final StreamTransform state;
    private final ProviderRequest request;
    private final StreamObserver observer;
    private final FirstEvents first;
    private Exception failure;
    private boolean upstreamEnded;

    private UpstreamEventStream(
            UpstreamResponse upstream,
            EventReader reader,
            StreamTransform state,
            ProviderRequest request,
            StreamObserver observer,
            FirstEvents first,
            Exception failure,
            boolean upstreamEnded) {
        this.upstream = upstream;
        this.reader = reader;
        this.state = state;
        this.request = request;
        this.observer = observer;
        this.first = first;
        this.failure = failure;
        this.upstreamEnded = upstreamEnded;
    }

    /** What reading ahead to the first event found. */
    public sealed interface Start permits Begun, FailedEarly {}

    /** The stream began: its first events are held, ready for the caller. */
    public record Begun(UpstreamEventStream stream) implements Start {}

    /**
     * The stream failed before the caller would have got anything; it is closed.
     *
     * @param reportedError the error the upstream reported in the stream, as the transform wrote it
     */
    public record FailedEarly(Exception cause, Optional<JsonNode> reportedError) implements Start {
        /** Whether a timeout cut the wait for the first event. */
        public boolean timedOut() {
            return cause instanceof UpstreamTimeoutException;
        }
    }

    /**
     * Reads {@code upstream} until the first event for the caller, or a failure. Never throws:
     * failures are a {@link FailedEarly}.
     */
    static Start begin(
            UpstreamResponse upstream, EndpointTransform transform, ProviderRequest request, StreamObserver observer) {
        FirstEvents first = new FirstEvents();
        StreamTransform state = transform.stream(request);
        EventReader reader = null;
        Exception failure = null;
        boolean ended = false;
        try {
            reader = transform.streamReader(upstream.stream(), upstream.contentType());
            while (first.isEmpty()) {
                SseEvent event = reader.next();
                if (event == null) {
                    state.onEnd(first);
                    ended = true;
                    break;
                }
                upstream.eventArrived();
                state.onEvent(event, first);
            }
        } catch (IOException | RuntimeException e) {
            failure = e;
        }
        Optional<JsonNode> leadingError = first.leadingError();
        if (leadingError.isPresent() || (failure != null && !first.hasEvents())) {
            closeQuietly(reader);
            upstream.close();
            observer.ended(false);
            return new FailedEarly(
                    failure != null ? failure : new IncompleteStreamException("the upstream reported an error"),
                    leadingError);
        }
        upstream.answerBegan();
        return new Begun(new UpstreamEventStream(upstream, reader, state, request, observer, first, failure, ended));
    }

    @Override
    public void writeTo(ChunkSink sink) throws IOException {
        CallerSink caller = new CallerSink(sink, observer);
        try {
            try {
                first.replayTo(caller);
                if (failure == null && !upstreamEnded) {
                    for (SseEvent event = reader.next(); event != null; event = reader.next()) {
                        upstream.eventArrived();
                        state.onEvent(event, caller);
                    }
                    state.onEnd(caller);
                }
            } catch (CallerSink.CallerGoneException e) {
                throw e;
            } catch (IOException | RuntimeException e) {
                failure = e;
            }
            end(caller, request, failure);
        } catch (CallerSink.CallerGoneException e) {
            observer.ended(false);
            upstream.cancel(); // the caller is gone: stop paying for tokens nobody reads
            throw e.getCause();
        } finally {
            closeQuietly(reader);
            upstream.close();
        }
    }

    /**
     * Pumps {@code body} through a fresh stream of {@code transform} into {@code sink}, and ends
     * the stream, writing a failure before the first event as an error event. Shared with the
     * golden tests, which feed recorded upstream bodies through it. Throws only when {@code sink}
     * fails (the caller is gone).
     */
    public static void pump(
            InputStream body,
            String contentType,
            EndpointTransform transform,
            ProviderRequest request,
            ChunkSink sink,
            StreamObserver observer)
            throws IOException {
        UpstreamResponse upstream = new RecordedBody(body, contentType);
        EventReader reader = null;
        Exception failure = null;
        try {
            reader = transform.streamReader(body, contentType);
        } catch (IOException | RuntimeException e) {
            failure = e;
        }
        new UpstreamEventStream(
                        upstream,
                        reader,
                        transform.stream(request),
                        request,
                        observer,
                        new FirstEvents(),
                        failure,
                        false)
                .writeTo(sink);
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

    /** What went wrong with a stream from {@code provider}, for the caller. */
    static String interruption(String provider, Exception e) {
        if (e instanceof IncompleteStreamException) {
            return "The " + provider + " stream ended early: " + e.getMessage();
        }
        if (e instanceof UpstreamTimeoutException timeout) {
            return "The " + provider + " stream sent no event within the request timeout of " + timeout.timeoutMillis()
                    + " ms";
        }
        if (e instanceof StreamIdleException idle) {
            return "The " + provider + " stream stalled: no event arrived for " + idle.idleMillis() + " ms";
        }
        if (e instanceof SocketTimeoutException) {
            return "The " + provider + " stream stalled: " + e.getMessage();
        }
        return "The " + provider + " stream was interrupted before the answer was complete";
    }

    private static void closeQuietly(EventReader reader) {
        if (reader != null) {
            try {
                reader.close();
            } catch (IOException | RuntimeException e) {
                // The upstream response is closed next, which releases the connection either way.
            }
        }
    }

    @Override
    public void cancel() {
        upstream.cancel();
        upstream.close();
    }

    /** The observer that tells {@code leaf}'s listener, or none when nobody listens. */
    static StreamObserver observer(LeafRequest leaf, AttemptInfo attempt) {
        return attempt == null ? StreamObserver.NONE : new ListeningObserver(leaf, attempt);
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

    /** A recorded upstream body, as the golden tests feed one. */
    private record RecordedBody(InputStream stream, String contentType) implements UpstreamResponse {
        @Override
        public int status() {
            return 200;
        }

        @Override
        public Headers headers() {
            return Headers.of("content-type", contentType);
        }

        @Override
        public boolean isOpenStream() {
            return true;
        }

        @Override
        public byte[] bytes() {
            return new byte[0];
        }

        @Override
        public void cancel() {}

        @Override
        public void close() {}
    }
}
