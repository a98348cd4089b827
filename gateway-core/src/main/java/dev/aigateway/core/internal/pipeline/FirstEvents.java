package dev.aigateway.core.internal.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aigateway.core.stream.ChunkSink;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a stream's transform wrote while the gateway read ahead to the first event the caller
 * gets: the output of one upstream event, mostly a single chunk. Replayed to the caller once the
 * stream is handed on. Used by one thread.
 */
final class FirstEvents implements ChunkSink {
    private record Written(String name, String data, JsonNode error) {}

    private final List<Written> written = new ArrayList<>(2);

    @Override
    public void event(String name, String data) {
        written.add(new Written(name, data, null));
    }

    @Override
    public void error(String name, JsonNode body) {
        written.add(new Written(name, null, body));
    }

    boolean isEmpty() {
        return written.isEmpty();
    }

    /** The error the transform wrote before any event, if that came first. */
    Optional<JsonNode> leadingError() {
        return written.isEmpty()
                ? Optional.empty()
                : Optional.ofNullable(written.get(0).error());
    }

    /** Whether an event for the caller (not an error) was written. */
    boolean hasEvents() {
        return written.stream().anyMatch(w -> w.error() == null);
    }

    void replayTo(ChunkSink sink) throws IOException {
        for (Written w : written) {
            if (w.error() == null) {
                sink.event(w.name(), w.data());
            } else {
                sink.error(w.name(), w.error());
            }
        }
        written.clear();
    }
}
