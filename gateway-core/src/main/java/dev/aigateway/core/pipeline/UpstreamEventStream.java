package dev.aigateway.core.pipeline;

import dev.aigateway.core.EventStream;
import dev.aigateway.core.error.ErrorBodies;
import dev.aigateway.core.provider.EndpointTransform;
import dev.aigateway.core.provider.IncompleteStreamException;
import dev.aigateway.core.provider.ProviderRequest;
import dev.aigateway.core.provider.StreamTransform;
import dev.aigateway.core.stream.ChunkSink;
import dev.aigateway.core.stream.EventReader;
import dev.aigateway.core.stream.SseEvent;
import dev.aigateway.core.upstream.UpstreamResponse;
import java.io.IOException;
import java.net.SocketTimeoutException;

/**
 * Pumps one upstream stream through its transform to the caller, event by event. When the upstream
 * fails midway the caller gets an OpenAI error event and {@code [DONE]} rather than a silent
 * truncation; when the caller fails the upstream call is cancelled.
 */
final class UpstreamEventStream implements EventStream {
    private final UpstreamResponse upstream;
    private final EndpointTransform transform;
    private final ProviderRequest request;

    UpstreamEventStream(UpstreamResponse upstream, EndpointTransform transform, ProviderRequest request) {
        this.upstream = upstream;
        this.transform = transform;
        this.request = request;
    }

    @Override
    public void writeTo(ChunkSink sink) throws IOException {
        CallerSink caller = new CallerSink(sink);
        StreamTransform state = transform.stream(request);
        try (upstream;
                EventReader reader = transform.streamReader(upstream.stream(), upstream.contentType())) {
            for (SseEvent event = reader.next(); event != null; event = reader.next()) {
                state.onEvent(event, caller);
            }
            state.onEnd(caller);
        } catch (CallerGoneException e) {
            upstream.cancel();
            throw e.getCause();
        } catch (IOException | RuntimeException e) {
            reportInterruption(caller, e);
        }
    }

    private void reportInterruption(CallerSink caller, Exception cause) throws IOException {
        try {
            if (!caller.lastWasError) {
                caller.data(ErrorBodies.openAi(interruption(cause), "stream_error", null, null, request.providerId()));
            }
            caller.done();
        } catch (CallerGoneException e) {
            throw e.getCause();
        }
    }

    private String interruption(Exception e) {
        String provider = request.providerId();
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

    /** Marks the caller's write failures and remembers whether the last event was an error. */
    private static final class CallerSink implements ChunkSink {
        private final ChunkSink delegate;
        boolean lastWasError;

        CallerSink(ChunkSink delegate) {
            this.delegate = delegate;
        }

        @Override
        public void event(String name, String data) throws IOException {
            lastWasError = data.startsWith("{\"error\"");
            try {
                delegate.event(name, data);
            } catch (IOException e) {
                throw new CallerGoneException(e);
            }
        }
    }
}
