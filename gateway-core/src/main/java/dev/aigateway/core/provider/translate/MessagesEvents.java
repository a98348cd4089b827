package dev.aigateway.core.provider.translate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aigateway.core.format.MessagesFormat;
import dev.aigateway.core.internal.Json;
import dev.aigateway.core.provider.ProviderRequest;
import dev.aigateway.core.stream.ChunkSink;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * A chat stream as Anthropic's events: {@code message_start}; per text run or tool call a
 * {@code content_block_start}, its {@code content_block_delta}s ({@code text_delta},
 * {@code input_json_delta}) and a {@code content_block_stop}; then {@code message_delta} with the
 * stop reason and usage, and {@code message_stop}. A failure is an {@code error} event. The chat
 * usage arrives last, so {@code message_start} reports 0 tokens and {@code message_delta} the
 * counts (input included, as Anthropic's own deltas now do). One instance per stream.
 */
final class MessagesEvents implements ChatStreamWriter {
    private final ProviderRequest request;
    /** Chat tool call index → content block index. */
    private final Map<Integer, Integer> toolBlocks = new HashMap<>();

    private boolean started;
    private int blocks;
    /** The open block's index, or -1. */
    private int open = -1;

    private boolean openIsText;
    private String finishReason = "stop";
    private JsonNode usage = Json.object();
    private boolean failed;

    MessagesEvents(ProviderRequest request) {
        this.request = request;
    }

    @Override
    public void start(String id, String model, ChunkSink out) throws IOException {
        if (started) {
            return;
        }
        started = true;
        ObjectNode message = Json.object();
        message.put("id", MessagesDialect.messageId(id, request));
        message.put("type", "message");
        message.put("role", "assistant");
        message.put("model", model.isEmpty() ? request.model() : model);
        message.putArray("content");
        message.putNull("stop_reason");
        message.putNull("stop_sequence");
        message.set("usage", MessagesDialect.usage(Json.object()));
        ObjectNode event = Json.object().put("type", "message_start");
        event.set("message", message);
        write("message_start", event, out);
    }

    @Override
    public void text(String delta, ChunkSink out) throws IOException {
        start("", "", out);
        if (open < 0 || !openIsText) {
            ObjectNode block = Json.object().put("type", "text").put("text", "");
            openBlock(block, true, out);
        }
        ObjectNode event = delta(open);
        event.putObject("delta").put("type", "text_delta").put("text", delta);
        write("content_block_delta", event, out);
    }

    @Override
    public void toolCall(int index, String id, String name, String arguments, ChunkSink out) throws IOException {
        start("", "", out);
        Integer block = toolBlocks.get(index);
        if (block == null) {
            ObjectNode toolUse =
                    Json.object().put("type", "tool_use").put("id", id).put("name", name);
            toolUse.putObject("input");
            openBlock(toolUse, false, out);
            block = open;
            toolBlocks.put(index, block);
        }
        if (!arguments.isEmpty()) {
            ObjectNode event = delta(block);
            event.putObject("delta").put("type", "input_json_delta").put("partial_json", arguments);
            write("content_block_delta", event, out);
        }
    }

    @Override
    public void finishReason(String reason) {
        finishReason = reason;
    }

    @Override
    public void usage(JsonNode chatUsage) {
        usage = chatUsage;
    }

    @Override
    public void end(ChunkSink out) throws IOException {
        start("", "", out);
        closeBlock(out);
        ObjectNode event = Json.object().put("type", "message_delta");
        event.putObject("delta")
                .put("stop_reason", MessagesDialect.stopReason(finishReason))
                .putNull("stop_sequence");
        event.set("usage", MessagesDialect.usage(usage));
        write("message_delta", event, out);
        write("message_stop", Json.object().put("type", "message_stop"), out);
    }

    @Override
    public void fail(String message, ChunkSink out) throws IOException {
        if (failed) {
            return;
        }
        failed = true;
        out.error("error", MessagesFormat.error("api_error", message));
    }

    @Override
    public boolean failed() {
        return failed;
    }

    private void openBlock(ObjectNode block, boolean text, ChunkSink out) throws IOException {
        closeBlock(out);
        open = blocks++;
        openIsText = text;
        ObjectNode event = Json.object().put("type", "content_block_start").put("index", open);
        event.set("content_block", block);
        write("content_block_start", event, out);
    }

    private void closeBlock(ChunkSink out) throws IOException {
        if (open >= 0) {
            write(
                    "content_block_stop",
                    Json.object().put("type", "content_block_stop").put("index", open),
                    out);
            open = -1;
        }
    }

    private static ObjectNode delta(int index) {
        return Json.object().put("type", "content_block_delta").put("index", index);
    }

    private static void write(String name, ObjectNode event, ChunkSink out) throws IOException {
        out.event(name, Json.text(event));
    }
}
