package dev.aigateway.core.stream;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * Parses a {@code text/event-stream} body as the WHATWG rules say: {@code data:} lines are joined
 * with newlines, a blank line ends an event, lines starting with {@code :} are comments. An event
 * left open at the end of the body is still delivered, since some upstreams omit the last blank line.
 */
public final class SseReader implements EventReader {
    /** Events are mostly small; a long line grows past the buffer anyway, and open streams are many. */
    private static final int BUFFER_CHARS = 2048;

    private final BufferedReader reader;

    public SseReader(InputStream in) {
        this.reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), BUFFER_CHARS);
    }

    @Override
    public SseEvent next() throws IOException {
        String event = null;
        StringBuilder data = null;
        String line;
        while ((line = reader.readLine()) != null) {
            if (line.isEmpty()) {
                if (data != null) {
                    return new SseEvent(event, data.toString());
                }
                event = null;
                continue;
            }
            if (line.charAt(0) == ':') {
                continue;
            }
            int colon = line.indexOf(':');
            String field = colon < 0 ? line : line.substring(0, colon);
            String value = colon < 0 ? "" : line.substring(colon + 1);
            if (value.startsWith(" ")) {
                value = value.substring(1);
            }
            if (field.equals("data")) {
                data = data == null
                        ? new StringBuilder(value)
                        : data.append('\n').append(value);
            } else if (field.equals("event")) {
                event = value;
            }
        }
        return data == null ? null : new SseEvent(event, data.toString());
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
