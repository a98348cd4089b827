package dev.aigateway.core.internal.routing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aigateway.core.internal.Json;
import java.io.IOException;
import java.io.Writer;
import java.util.Optional;

/**
 * A JSON value's text, written only up to a length: a {@code $regex} on {@code params.messages}
 * must not turn a 32 MiB body into a 32 MiB string before finding out it may not read it.
 */
final class BoundedJsonText {
    private BoundedJsonText() {}

    /** The JSON text of {@code node}, or empty when it is longer than {@code maxChars}. */
    static Optional<String> of(JsonNode node, long maxChars) {
        LimitedWriter out = new LimitedWriter(maxChars);
        try {
            Json.MAPPER.writeValue(out, node);
            return Optional.of(out.text.toString());
        } catch (IOException e) {
            return Optional.empty(); // only TooLong: writing a tree to memory fails in no other way
        }
    }

    private static final class LimitedWriter extends Writer {
        private final StringBuilder text = new StringBuilder();
        private final long maxChars;

        LimitedWriter(long maxChars) {
            this.maxChars = maxChars;
        }

        @Override
        public void write(char[] chars, int offset, int length) throws IOException {
            if (text.length() + (long) length > maxChars) {
                throw new TooLong();
            }
            text.append(chars, offset, length);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    }

    private static final class TooLong extends IOException {
        private static final long serialVersionUID = 1L;

        TooLong() {
            super("too long", null);
        }
    }
}
