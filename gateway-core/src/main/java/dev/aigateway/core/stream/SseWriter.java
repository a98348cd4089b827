package dev.aigateway.core.stream;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** A {@link ChunkSink} writing {@code text/event-stream} to an output stream, flushing every event. */
public final class SseWriter implements ChunkSink {
    private static final byte[] EVENT = "event: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DATA = "data: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] END = "\n\n".getBytes(StandardCharsets.US_ASCII);

    private final OutputStream out;

    public SseWriter(OutputStream out) {
        this.out = out;
    }

    @Override
    public void event(String name, String data) throws IOException {
        if (name != null) {
            out.write(EVENT);
            out.write(name.getBytes(StandardCharsets.UTF_8));
            out.write('\n');
        }
        // A multi-line payload needs a data: prefix on every line to survive SSE parsing.
        int start = 0;
        int newline;
        while ((newline = data.indexOf('\n', start)) >= 0) {
            out.write(DATA);
            out.write(data.substring(start, newline).getBytes(StandardCharsets.UTF_8));
            out.write('\n');
            start = newline + 1;
        }
        out.write(DATA);
        out.write(data.substring(start).getBytes(StandardCharsets.UTF_8));
        out.write(END);
        out.flush();
    }
}
