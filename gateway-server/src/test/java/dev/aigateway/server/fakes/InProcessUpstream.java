package dev.aigateway.server.fakes;

import dev.aigateway.core.http.Headers;
import dev.aigateway.core.upstream.UpstreamClient;
import dev.aigateway.core.upstream.UpstreamRequest;
import dev.aigateway.core.upstream.UpstreamResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An OpenAI upstream inside the test's process, handed to {@code Gateway.builder().upstream(...)}:
 * nothing leaves the machine, and what the gateway sent is recorded. It answers a chat completion,
 * or, for a streaming request, the SSE events it was given with a pause before each.
 */
public final class InProcessUpstream implements UpstreamClient {
    private final List<UpstreamRequest> requests = new CopyOnWriteArrayList<>();
    private final List<String> events;
    private final Duration pause;

    private InProcessUpstream(List<String> events, Duration pause) {
        this.events = events;
        this.pause = pause;
    }

    /** Answers every request with one chat completion. */
    public static InProcessUpstream answering() {
        return answeringAfter(Duration.ZERO);
    }

    /** Answers every request with one chat completion, after thinking for {@code delay}. */
    public static InProcessUpstream answeringAfter(Duration delay) {
        return new InProcessUpstream(List.of(), delay);
    }

    /** Streams {@code events} (the {@code data:} payloads), each after {@code pause}, then {@code [DONE]}. */
    public static InProcessUpstream streaming(Duration pause, String... events) {
        return new InProcessUpstream(List.of(events), pause);
    }

    public List<UpstreamRequest> requests() {
        return List.copyOf(requests);
    }

    @Override
    public UpstreamResponse execute(UpstreamRequest request) throws IOException {
        requests.add(request);
        if (request.stream()) {
            return new Answer(Headers.of("content-type", "text/event-stream"), new byte[0], paced(), true);
        }
        if (!pause.isZero()) {
            new PausedStream(pause, "").read(); // thinks, then answers
        }
        byte[] body = ("{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"gpt-4o\","
                        + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"Hello\"},"
                        + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":1,"
                        + "\"total_tokens\":2}}")
                .getBytes(StandardCharsets.UTF_8);
        return new Answer(Headers.of("content-type", "application/json"), body, InputStream.nullInputStream(), false);
    }

    private InputStream paced() {
        List<InputStream> parts = new ArrayList<>();
        for (String event : events) {
            parts.add(new PausedStream(pause, "data: " + event + "\n\n"));
        }
        parts.add(new PausedStream(pause, "data: [DONE]\n\n"));
        Enumeration<InputStream> all = Collections.enumeration(parts);
        return new SequenceInputStream(all);
    }

    /** One event's bytes, given only after a pause: an upstream that is silent in between. */
    private static final class PausedStream extends InputStream {
        private final Duration pause;
        private final ByteArrayInputStream bytes;
        private boolean waited;

        PausedStream(Duration pause, String text) {
            this.pause = pause;
            this.bytes = new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (!waited) {
                waited = true;
                try {
                    Thread.sleep(pause.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("cancelled");
                }
            }
            return bytes.read(buffer, offset, length);
        }
    }

    private record Answer(Headers headers, byte[] bytes, InputStream stream, boolean isOpenStream)
            implements UpstreamResponse {
        @Override
        public int status() {
            return 200;
        }

        @Override
        public void cancel() {
            close();
        }

        @Override
        public void close() {
            try {
                stream.close();
            } catch (IOException e) {
                // nothing to release
            }
        }
    }
}
