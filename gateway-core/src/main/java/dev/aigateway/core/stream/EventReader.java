package dev.aigateway.core.stream;

import java.io.Closeable;
import java.io.IOException;

/** Reads upstream stream events one at a time, blocking until each has fully arrived. */
public interface EventReader extends Closeable {
    /** The next event, or {@code null} at the normal end of the stream. */
    SseEvent next() throws IOException;
}
