package dev.aigateway.core.provider.translate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aigateway.core.internal.Json;
import dev.aigateway.core.provider.ProviderRequest;
import dev.aigateway.core.stream.ChunkSink;
import java.io.IOException;

/**
 * A chat stream as the Responses event sequence: {@code response.created} and
 * {@code response.in_progress}; for a text run {@code response.output_item.added},
 * {@code response.content_part.added}, {@code response.output_text.delta}s, then
 * {@code response.output_text.done}, {@code response.content_part.done} and
 * {@code response.output_item.done}; for a tool call {@code response.output_item.added},
 * {@code response.function_call_arguments.delta}s, {@code .done} and
 * {@code response.output_item.done}; last {@code response.completed} (or
 * {@code response.incomplete} when the token limit cut the answer) with the whole response and its
 * usage. A failure is {@code response.failed}, with the output so far. Every event carries its
 * {@code sequence_number}. One instance per stream.
 */
final class ResponsesEvents implements ChatStreamWriter {
    private final ProviderRequest request;
    private final ArrayNode output = Json.array();
    private ObjectNode response;
    private int sequence;
    private OpenItem open;
    private String finishReason = "stop";
    private JsonNode usage = Json.object();
    private boolean failed;

    ResponsesEvents(ProviderRequest request) {
        this.request = request;
    }

    /** The output item being streamed: a message (text) or a function call (arguments). */
    private static final class OpenItem {
        final String id;
        final int outputIndex;
        final int toolIndex;
        final String callId;
        final String name;
        final StringBuilder text = new StringBuilder();

        OpenItem(String id, int outputIndex, int toolIndex, String callId, String name) {
            this.id = id;
            this.outputIndex = outputIndex;
            this.toolIndex = toolIndex;
            this.callId = callId;
            this.name = name;
        }

        boolean isMessage() {
            return toolIndex < 0;
        }
    }

    @Override
    public void start(String id, String model, ChunkSink out) throws IOException {
        if (response != null) {
            return;
        }
        response = ResponseObject.skeleton(request, "resp_" + request.context().newId(), model, "in_progress");
        write("response.created", event("response.created").set("response", response.deepCopy()), out);
        write("response.in_progress", event("response.in_progress").set("response", response.deepCopy()), out);
    }

    @Override
    public void text(String delta, ChunkSink out) throws IOException {
        start("", "", out);
        if (open == null || !open.isMessage()) {
            close(out);
            open = new OpenItem("msg_" + request.context().newId(), output.size(), -1, "", "");
            ObjectNode added = item("response.output_item.added");
            added.set("item", ResponseObject.message(open.id, null, "in_progress"));
            write(added, out);
            ObjectNode part = content("response.content_part.added");
            part.set("part", ResponseObject.outputText(""));
            write(part, out);
        }
        open.text.append(delta);
        ObjectNode event = content("response.output_text.delta").put("delta", delta);
        event.putArray("logprobs");
        write(event, out);
    }

    @Override
    public void toolCall(int index, String id, String name, String arguments, ChunkSink out) throws IOException {
        start("", "", out);
        if (open == null || open.toolIndex != index) {
            close(out);
            open = new OpenItem("fc_" + request.context().newId(), output.size(), index, id, name);
            ObjectNode added = item("response.output_item.added");
            added.set("item", ResponseObject.functionCall(open.id, id, name, "", "in_progress"));
            write(added, out);
        }
        if (!arguments.isEmpty()) {
            open.text.append(arguments);
            write(item("response.function_call_arguments.delta").put("delta", arguments), out);
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
        close(out);
        ObjectNode done = response.deepCopy();
        done.set("output", output);
        ResponseObject.finish(done, finishReason);
        done.set("usage", ResponseObject.usage(usage));
        String name = done.path("status").asText().equals("incomplete") ? "response.incomplete" : "response.completed";
        write(name, event(name).set("response", done), out);
    }

    @Override
    public void fail(String message, ChunkSink out) throws IOException {
        if (failed) {
            return;
        }
        start("", "", out);
        failed = true;
        ObjectNode failure = response.deepCopy();
        failure.put("status", "failed");
        failure.putObject("error").put("code", "server_error").put("message", message);
        failure.set("output", output);
        out.error("response.failed", event("response.failed").set("response", failure));
    }

    @Override
    public boolean failed() {
        return failed;
    }

    /** Ends the open item with its done events and adds it to the output. */
    private void close(ChunkSink out) throws IOException {
        if (open == null) {
            return;
        }
        OpenItem item = open;
        open = null;
        String text = item.text.toString();
        ObjectNode finished;
        if (item.isMessage()) {
            ObjectNode textDone = content("response.output_text.done", item).put("text", text);
            textDone.putArray("logprobs");
            write(textDone, out);
            ObjectNode partDone = content("response.content_part.done", item);
            partDone.set("part", ResponseObject.outputText(text));
            write(partDone, out);
            finished = ResponseObject.message(item.id, text, "completed");
        } else {
            write(
                    item("response.function_call_arguments.done", item)
                            .put("arguments", text)
                            .put("name", item.name),
                    out);
            finished = ResponseObject.functionCall(item.id, item.callId, item.name, text, "completed");
        }
        ObjectNode done = item("response.output_item.done", item);
        done.set("item", finished);
        write(done, out);
        output.add(finished);
    }

    private ObjectNode event(String type) {
        return Json.object().put("type", type).put("sequence_number", sequence++);
    }

    private ObjectNode item(String type) {
        return item(type, open);
    }

    private ObjectNode item(String type, OpenItem item) {
        ObjectNode event = event(type).put("output_index", item.outputIndex);
        return type.startsWith("response.output_item.") ? event : event.put("item_id", item.id);
    }

    private ObjectNode content(String type) {
        return content(type, open);
    }

    private ObjectNode content(String type, OpenItem item) {
        return item(type, item).put("content_index", 0);
    }

    private static void write(ObjectNode event, ChunkSink out) throws IOException {
        write(event.path("type").asText(), event, out);
    }

    private static void write(String name, JsonNode event, ChunkSink out) throws IOException {
        out.event(name, Json.text(event));
    }
}
