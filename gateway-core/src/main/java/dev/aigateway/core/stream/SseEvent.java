package dev.aigateway.core.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.aigateway.core.internal.Json;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * One server-sent event: its {@code event:} name ({@code null} when absent) and its {@code data:}
 * lines joined with newlines. An event read as JSON keeps the tree, and one made from a tree
 * writes its text only when asked, so that a stream transform parses each event once. Used by one
 * thread.
 */
public final class SseEvent {
    private final String event;
    private String data;
    private JsonNode json;

    public SseEvent(String event, String data) {
        this.event = event;
        this.data = Objects.requireNonNull(data, "data");
    }

    private SseEvent(JsonNode json) {
        this.event = null;
        this.json = json;
    }

    public static SseEvent data(String data) {
        return new SseEvent(null, data);
    }

    /** A data-only event holding {@code json}, e.g. an element of a streamed JSON array. */
    public static SseEvent json(JsonNode json) {
        return new SseEvent(Objects.requireNonNull(json, "json"));
    }

    /** The {@code event:} name, or {@code null}. */
    public String event() {
        return event;
    }

    public String data() {
        if (data == null) {
            data = Json.text(json);
        }
        return data;
    }

    /** The data as JSON, parsed once; a {@link MissingNode} when it is not JSON. */
    public JsonNode json() {
        if (json == null) {
            JsonNode parsed = Json.parseOrNull(data.getBytes(StandardCharsets.UTF_8));
            json = parsed == null ? MissingNode.getInstance() : parsed;
        }
        return json;
    }

    /** True for OpenAI's end-of-stream marker {@code data: [DONE]}. */
    public boolean isDone() {
        return json == null && "[DONE]".equals(data);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SseEvent e && Objects.equals(event, e.event) && data().equals(e.data());
    }

    @Override
    public int hashCode() {
        return Objects.hash(event, data());
    }

    @Override
    public String toString() {
        return (event == null ? "" : "event: " + event + " ") + "data: " + data();
    }
}
