package dev.aigateway.core;

import dev.aigateway.core.config.PortkeyHeaders;
import dev.aigateway.core.event.CallInfo;
import dev.aigateway.core.event.CallResult;
import dev.aigateway.core.event.EventListener;
import dev.aigateway.core.event.Usage;
import dev.aigateway.core.format.EndpointFormat;
import dev.aigateway.core.http.Headers;
import dev.aigateway.core.stream.ChunkSink;
import dev.aigateway.core.stream.ForwardingChunkSink;
import dev.aigateway.core.stream.SseEvent;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Tells the listener how a call ended: at once for a complete answer, and for a stream of events or
 * bytes once it has ended, been cut, or been discarded. Costs nothing when nobody listens.
 */
final class CallEnd {
    private CallEnd() {}

    static GatewayResponse observe(GatewayResponse response, CallInfo call, EventListener listener) {
        if (listener == EventListener.NONE) {
            return response;
        }
        if (response instanceof GatewayResponse.Complete complete) {
            listener.callEnd(call, result(complete, call, AnswerUsage.of(call, complete), false, true));
            return complete;
        }
        if (response instanceof GatewayResponse.Binary binary) {
            return binary.withBody(new ObservedBytes(binary, call, listener));
        }
        GatewayResponse.Streaming streaming = (GatewayResponse.Streaming) response;
        return streaming.withEvents(new ObservedStream(streaming, call, listener));
    }

    private static CallResult result(
            GatewayResponse response, CallInfo call, Usage usage, boolean streamed, boolean complete) {
        Headers headers = response.headers();
        int retries;
        try {
            retries = Integer.parseInt(
                    headers.first(PortkeyHeaders.RETRY_ATTEMPT_COUNT).orElse("0"));
        } catch (NumberFormatException e) {
            retries = 0;
        }
        return new CallResult(
                response.status(),
                Duration.ofNanos(System.nanoTime() - call.startNanos()),
                headers.first(PortkeyHeaders.LAST_USED_OPTION_INDEX),
                headers.first(PortkeyHeaders.PROVIDER),
                retries,
                usage,
                streamed,
                complete);
    }

    /** A stream that reports its end once: when it finishes, fails to be written, or is discarded. */
    private static final class ObservedStream implements EventStream {
        private final GatewayResponse.Streaming response;
        private final CallInfo call;
        private final EventListener listener;
        private final EndpointFormat.StreamUsageReader usage;
        private final AtomicBoolean ended = new AtomicBoolean();

        ObservedStream(GatewayResponse.Streaming response, CallInfo call, EventListener listener) {
            this.response = response;
            this.call = call;
            this.listener = listener;
            this.usage = call.endpoint().format().streamUsage();
        }

        @Override
        public void writeTo(ChunkSink sink) throws IOException {
            try {
                response.events().writeTo(new ForwardingChunkSink(sink) {
                    @Override
                    public void event(String name, String data) throws IOException {
                        usage.accept(new SseEvent(name, data));
                        super.event(name, data);
                    }

                    @Override
                    public void finish(boolean complete) throws IOException {
                        try {
                            super.finish(complete);
                        } finally {
                            end(complete);
                        }
                    }
                });
            } finally {
                end(false); // the caller went away, or the stream never finished
            }
        }

        @Override
        public void cancel() {
            try {
                response.events().cancel();
            } finally {
                end(false);
            }
        }

        private void end(boolean complete) {
            if (ended.compareAndSet(false, true)) {
                listener.callEnd(call, result(response, call, usage.usage(), true, complete));
            }
        }
    }

    /** Bytes that report their end once: written whole (complete), failed, or discarded. */
    private static final class ObservedBytes implements ByteStream {
        private final GatewayResponse.Binary response;
        private final CallInfo call;
        private final EventListener listener;
        private final AtomicBoolean ended = new AtomicBoolean();

        ObservedBytes(GatewayResponse.Binary response, CallInfo call, EventListener listener) {
            this.response = response;
            this.call = call;
            this.listener = listener;
        }

        @Override
        public void writeTo(OutputStream out) throws IOException {
            boolean complete = false;
            try {
                response.body().writeTo(out);
                complete = true;
            } finally {
                end(complete);
            }
        }

        @Override
        public void cancel() {
            try {
                response.body().cancel();
            } finally {
                end(false);
            }
        }

        private void end(boolean complete) {
            if (ended.compareAndSet(false, true)) {
                listener.callEnd(call, result(response, call, Usage.UNKNOWN, true, complete));
            }
        }
    }
}
