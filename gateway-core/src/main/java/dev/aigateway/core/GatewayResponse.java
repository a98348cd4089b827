package dev.aigateway.core;

import dev.aigateway.core.http.Headers;
import dev.aigateway.core.stream.ChunkSink;
import dev.aigateway.core.stream.EventFilter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The gateway's answer: a complete body, a stream of server-sent events, or bytes streamed through
 * as the upstream sends them.
 */
public sealed interface GatewayResponse
        permits GatewayResponse.Complete, GatewayResponse.Streaming, GatewayResponse.Binary {
    int status();

    Headers headers();

    /** The same answer with other headers. */
    GatewayResponse withHeaders(Headers headers);

    /** Releases anything held open (the upstream stream of a streaming answer). */
    void discard();

    /** A complete answer, usually JSON. Do not change {@link #body()}'s array. */
    record Complete(int status, Headers headers, byte[] body) implements GatewayResponse {
        @Override
        public Complete withHeaders(Headers value) {
            return new Complete(status, value, body);
        }

        @Override
        public void discard() {}

        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** A {@code text/event-stream} answer; the caller must read or {@link #discard()} it. */
    record Streaming(int status, Headers headers, EventStream events) implements GatewayResponse {
        @Override
        public Streaming withHeaders(Headers value) {
            return new Streaming(status, value, events);
        }

        /** The same answer with other events. */
        public Streaming withEvents(EventStream value) {
            return new Streaming(status, headers, value);
        }

        /** The same answer, its events passing through {@code filter} on their way to the caller. */
        public Streaming withFilter(EventFilter filter) {
            EventStream inner = events;
            return withEvents(new EventStream() {
                @Override
                public void writeTo(ChunkSink sink) throws IOException {
                    inner.writeTo(filter.wrap(sink));
                }

                @Override
                public void cancel() {
                    inner.cancel();
                }
            });
        }

        @Override
        public void discard() {
            events.cancel();
        }
    }

    /**
     * Bytes passed through as the upstream sends them, never held whole: audio, a file's content,
     * the proxy's answers. The content type is the upstream's. The caller must read or
     * {@link #discard()} it.
     */
    record Binary(int status, Headers headers, ByteStream body) implements GatewayResponse {
        @Override
        public Binary withHeaders(Headers value) {
            return new Binary(status, value, body);
        }

        /** The same answer with another body. */
        public Binary withBody(ByteStream value) {
            return new Binary(status, headers, value);
        }

        @Override
        public void discard() {
            body.cancel();
        }
    }
}
