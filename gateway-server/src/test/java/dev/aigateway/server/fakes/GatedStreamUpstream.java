package dev.aigateway.server.fakes;

import dev.aigateway.core.http.Headers;
import dev.aigateway.core.upstream.UpstreamClient;
import dev.aigateway.core.upstream.UpstreamRequest;
import dev.aigateway.core.upstream.UpstreamResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * An upstream whose one stream sends an event when the test says so ({@link #send}, {@link
 * #end}), and whose cancel fails the read in progress at once, as OkHttp's does.
 */
public final class GatedStreamUpstream implements UpstreamClient {
    private static final byte[] END = new byte[0];
    private static final byte[] CANCELLED = new byte[0];

    private final BlockingQueue<byte[]> chunks = new LinkedBlockingQueue<>();
    private final CountDownLatch called = new CountDownLatch(1);
    private final CountDownLatch cancelled = new CountDownLatch(1);

    /** Sends {@code data: <json>}. */
    public void send(String json) {
        chunks.add(("data: " + json + "\n\n").getBytes(StandardCharsets.UTF_8));
    }

    /** Sends {@code data: [DONE]} and ends the stream. */
    public void end() {
        chunks.add("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
        chunks.add(END);
    }

    public boolean awaitCall() throws InterruptedException {
        return called.await(10, TimeUnit.SECONDS);
    }

    public boolean awaitCancel(long seconds) throws InterruptedException {
        return cancelled.await(seconds, TimeUnit.SECONDS);
    }

    /** A chunk of a chat completion stream whose delta holds {@code text}. */
    public static String chunk(String text) {
        return "{\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-4o\","
                + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"" + text + "\"},\"finish_reason\":null}]}";
    }

    @Override
    public UpstreamResponse execute(UpstreamRequest request) {
        called.countDown();
        return new UpstreamResponse() {
            private final InputStream stream = new Queued();

            @Override
            public int status() {
                return 200;
            }

            @Override
            public Headers headers() {
                return Headers.of("content-type", "text/event-stream");
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
            public InputStream stream() {
                return stream;
            }

            @Override
            public void cancel() {
                cancelled.countDown();
                chunks.add(CANCELLED);
            }

            @Override
            public void close() {}
        };
    }

    @Override
    public void warmUp() {}

    @Override
    public void close() {}

    private final class Queued extends InputStream {
        private byte[] current = new byte[0];
        private int at;
        private boolean ended;

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            while (at == current.length) {
                if (ended) {
                    return -1;
                }
                byte[] next;
                try {
                    next = chunks.take();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted");
                }
                if (next == CANCELLED) {
                    throw new IOException("Canceled");
                }
                ended = next == END;
                current = next;
                at = 0;
            }
            int n = Math.min(length, current.length - at);
            System.arraycopy(current, at, buffer, offset, n);
            at += n;
            return n;
        }
    }
}
