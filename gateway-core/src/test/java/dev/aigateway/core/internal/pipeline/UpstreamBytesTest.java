package dev.aigateway.core.internal.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.aigateway.core.http.Headers;
import dev.aigateway.core.upstream.UpstreamResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Bytes go to the caller as the upstream produces them: flushed when the upstream pauses, not per
 * read when it has more ready; a failure midway cancels the upstream and is thrown; the upstream
 * is released once, whatever happens.
 */
class UpstreamBytesTest {
    @Test
    void flushesWhenTheUpstreamPausesAndReleasesItOnce() throws IOException {
        // Two bursts: "ab" then "cd", each read in two pieces, the upstream pausing after each burst.
        FakeResponse upstream = new FakeResponse(List.of("a", "b|", "c", "d|"));
        Recording out = new Recording();
        UpstreamBytes bytes = new UpstreamBytes(upstream);

        bytes.writeTo(out);
        bytes.cancel();

        assertEquals(List.of("ab", "cd", ""), out.flushed);
        assertEquals(1, upstream.closes);
        assertEquals(1, upstream.cancels, "only the explicit cancel");
    }

    @Test
    void aFailureMidwayCancelsTheUpstreamAndIsThrown() {
        FakeResponse upstream = new FakeResponse(List.of("a|", "!"));
        UpstreamBytes bytes = new UpstreamBytes(upstream);

        assertThrows(IOException.class, () -> bytes.writeTo(new Recording()));

        assertEquals(1, upstream.cancels);
        assertEquals(1, upstream.closes);
    }

    @Test
    void anEmptyBodyIsFlushedOnceAtItsEnd() throws IOException {
        Recording out = new Recording();

        new UpstreamBytes(new FakeResponse(List.of())).writeTo(out);

        assertEquals(List.of(""), out.flushed);
    }

    /** Pieces of the body; {@code |} ends a burst (nothing more available), {@code !} fails. */
    private static final class FakeResponse implements UpstreamResponse {
        private final Deque<String> pieces;
        private int available;
        int closes;
        int cancels;

        FakeResponse(List<String> pieces) {
            this.pieces = new ArrayDeque<>(pieces);
        }

        @Override
        public int status() {
            return 200;
        }

        @Override
        public Headers headers() {
            return Headers.empty();
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
            return new InputStream() {
                @Override
                public int read() {
                    throw new UnsupportedOperationException();
                }

                @Override
                public int read(byte[] buffer, int offset, int length) throws IOException {
                    String piece = pieces.poll();
                    if (piece == null) {
                        return -1;
                    }
                    if (piece.equals("!")) {
                        throw new IOException("cut");
                    }
                    boolean pause = piece.endsWith("|");
                    byte[] data = piece.replace("|", "").getBytes(StandardCharsets.UTF_8);
                    System.arraycopy(data, 0, buffer, offset, data.length);
                    available = pause || pieces.isEmpty() ? 0 : 1;
                    return data.length;
                }

                @Override
                public int available() {
                    return available;
                }
            };
        }

        @Override
        public void cancel() {
            cancels++;
        }

        @Override
        public void close() {
            closes++;
        }
    }

    /** Records what was written between flushes. */
    private static final class Recording extends ByteArrayOutputStream {
        final List<String> flushed = new ArrayList<>();

        @Override
        public void flush() {
            flushed.add(toString(StandardCharsets.UTF_8));
            reset();
        }
    }
}
