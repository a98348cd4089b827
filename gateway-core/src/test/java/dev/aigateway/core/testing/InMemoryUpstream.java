package dev.aigateway.core.testing;

import dev.aigateway.core.http.Headers;
import dev.aigateway.core.upstream.UpstreamClient;
import dev.aigateway.core.upstream.UpstreamRequest;
import dev.aigateway.core.upstream.UpstreamResponse;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * An upstream in memory that answers every call at once with one status and body, and counts the
 * calls: for tests about what the gateway does before and around calls, not about the wire.
 */
public final class InMemoryUpstream implements UpstreamClient {
    private final int status;
    private final Function<UpstreamRequest, String> body;
    private final AtomicInteger calls = new AtomicInteger();

    public InMemoryUpstream(int status, String body) {
        this(status, request -> body);
    }

    /** Answers each call with {@code status} and the body {@code body} gives for its request. */
    public InMemoryUpstream(int status, Function<UpstreamRequest, String> body) {
        this.status = status;
        this.body = body;
    }

    /** Answers every call with an OpenAI chat completion. */
    public static InMemoryUpstream answering() {
        return new InMemoryUpstream(200, OpenAiFakes.completion("ok"));
    }

    @Override
    public UpstreamResponse execute(UpstreamRequest request) {
        calls.incrementAndGet();
        return new Answer(body.apply(request).getBytes(StandardCharsets.UTF_8));
    }

    public int calls() {
        return calls.get();
    }

    private final class Answer implements UpstreamResponse {
        private final byte[] body;

        Answer(byte[] body) {
            this.body = body;
        }

        @Override
        public int status() {
            return status;
        }

        @Override
        public Headers headers() {
            return Headers.of("content-type", "application/json");
        }

        @Override
        public boolean isOpenStream() {
            return false;
        }

        @Override
        public byte[] bytes() {
            return body;
        }

        @Override
        public InputStream stream() {
            return new ByteArrayInputStream(body);
        }

        @Override
        public void cancel() {}

        @Override
        public void close() {}
    }
}
