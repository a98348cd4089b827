package dev.aigateway.core.provider.translate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aigateway.core.internal.Json;
import dev.aigateway.core.stream.ChunkSink;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The sink a chat stream transform writes its OpenAI chunks into: reads each chunk's pieces (text,
 * tool call fragments, finish reason, usage) and hands them to a {@link ChatStreamWriter}, which
 * writes another API's events to the caller's sink. A chunk written as a tree is read as it is,
 * without a round trip through text. One instance per stream.
 */
final class ChatChunkReader implements ChunkSink {
    private final ChatStreamWriter writer;
    private ChunkSink out;
    private boolean started;

    ChatChunkReader(ChatStreamWriter writer) {
        this.writer = writer;
    }

    /** This reader writing to {@code sink}. */
    ChatChunkReader to(ChunkSink sink) {
        this.out = sink;
        return this;
    }

    @Override
    public void event(String name, String data) throws IOException {
        if (data.startsWith("{")) {
            JsonNode chunk = Json.parseOrNull(data.getBytes(StandardCharsets.UTF_8));
            if (chunk != null) {
                read(chunk);
            }
        }
    }

    @Override
    public void data(JsonNode json) throws IOException {
        read(json);
    }

    @Override
    public void error(String name, JsonNode body) throws IOException {
        writer.fail(message(body), out);
    }

    private void read(JsonNode chunk) throws IOException {
        if (!chunk.isObject() || writer.failed()) {
            return; // nothing follows a failure event
        }
        if (!started) {
            started = true;
            writer.start(chunk.path("id").asText(""), chunk.path("model").asText(""), out);
        }
        for (JsonNode choice : chunk.path("choices")) {
            if (choice.path("index").asInt(0) != 0) {
                continue; // one answer: n > 1 has no place in either API
            }
            JsonNode delta = choice.path("delta");
            JsonNode content = delta.get("content");
            if (content != null && content.isTextual() && !content.asText().isEmpty()) {
                writer.text(content.asText(), out);
            }
            for (JsonNode call : delta.path("tool_calls")) {
                JsonNode function = call.path("function");
                writer.toolCall(
                        call.path("index").asInt(0),
                        call.path("id").asText(""),
                        function.path("name").asText(""),
                        function.path("arguments").asText(""),
                        out);
            }
            JsonNode reason = choice.get("finish_reason");
            if (reason != null && reason.isTextual()) {
                writer.finishReason(reason.asText());
            }
        }
        JsonNode usage = chunk.get("usage");
        if (usage != null && usage.isObject()) {
            writer.usage(usage);
        }
    }

    /** The message of an OpenAI error envelope or event, else the body's text. */
    static String message(JsonNode body) {
        JsonNode message = body.path("error").path("message");
        if (!message.isTextual()) {
            message = body.path("message");
        }
        if (!message.isTextual() && body.path("error").isTextual()) {
            message = body.path("error");
        }
        return message.isTextual() ? message.asText() : Json.text(body);
    }
}
