package dev.aigateway.core.stream;

/**
 * One server-sent event: its {@code event:} name ({@code null} when absent) and its {@code data:}
 * lines joined with newlines.
 */
public record SseEvent(String event, String data) {
    public static SseEvent data(String data) {
        return new SseEvent(null, data);
    }

    /** True for OpenAI's end-of-stream marker {@code data: [DONE]}. */
    public boolean isDone() {
        return "[DONE]".equals(data);
    }
}
